package dev.gatehouse.stage.email;

import dev.gatehouse.mail.OutgoingMail;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages the email stage sends. Two are built in, as authentik names them: {@value #PASSWORD_RESET} and
 * {@value #ACCOUNT_CONFIRMATION} (precompiled jte templates next to this class, an HTML body and its text
 * alternative). Any other name is a custom template: a file under the templates directory, by its relative path
 * ({@code reset.html}, {@code family/welcome.html}). A custom template is not a program: only the placeholders
 * {@code {{ url }}}, {@code {{ expires }}}, {@code {{ brand }}}, {@code {{ user.name }}}, {@code {{ user.username }}}
 * and {@code {{ user.email }}} are replaced (HTML-escaped in an {@code .html} file), any other {@code {{ … }}} is
 * left out, and nothing else is interpreted. An {@code .html} template's text alternative is the {@code .txt} file
 * of the same name when there is one, else its text without the markup; a {@code .txt} template is sent as text,
 * its HTML body being that text, escaped, in a {@code <pre>}.
 */
final class EmailTemplates {
    static final String PASSWORD_RESET = "email/password_reset.html";
    static final String ACCOUNT_CONFIRMATION = "email/account_confirmation.html";
    private static final String HERE = "dev/gatehouse/stage/email/";
    private static final Map<String, List<String>> BUILT_IN = Map.of(
            PASSWORD_RESET, List.of(HERE + "password_reset.jte", HERE + "password_reset_text.jte"),
            ACCOUNT_CONFIRMATION, List.of(HERE + "account_confirmation.jte", HERE + "account_confirmation_text.jte"));
    /** The largest custom template read. */
    static final int MAX_BYTES = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)*\\.(html|txt)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_.]+)\\s*}}");
    private static final Pattern TAG = Pattern.compile("(?s)<(script|style)\\b.*?</\\1\\s*>|<[^>]*>");
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    /** A template that cannot be used (a custom file missing or unreadable); the message names it, never its content. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private EmailTemplates() {
    }

    /** Why {@code name} is not a template name, or null: a built-in one, or a relative path ending .html or .txt. */
    static String problem(String name) {
        if (name == null || BUILT_IN.containsKey(name)) {
            return null;
        }
        return name.length() <= 255 && NAME.matcher(name).matches() && !name.contains("..") ? null
                : "Choose email/password_reset.html, email/account_confirmation.html, or the relative path of a "
                + "custom template (.html or .txt) in the templates directory.";
    }

    /** The message {@code template} makes of {@code content} for {@code to}. */
    static OutgoingMail render(String template, Path directory, String to, String subject, EmailContent content)
            throws Unusable {
        List<String> builtIn = BUILT_IN.get(template);
        if (builtIn != null) {
            return new OutgoingMail(to, subject, jte(builtIn.get(0), content), jte(builtIn.get(1), content).strip() + "\n");
        }
        String body = read(directory, template);
        if (template.endsWith(".txt")) {
            String text = fill(body, content, false);
            return new OutgoingMail(to, subject, "<pre>" + escape(text) + "</pre>", text);
        }
        String textFile = template.substring(0, template.length() - ".html".length()) + ".txt";
        String text = exists(directory, textFile) ? fill(read(directory, textFile), content, false)
                : withoutMarkup(fill(body, content, true));
        return new OutgoingMail(to, subject, fill(body, content, true), text);
    }

    private static String jte(String template, EmailContent content) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, Map.of("content", content), out);
        return out.toString();
    }

    /** Replaces the known placeholders; the others are left out. */
    static String fill(String template, EmailContent content, boolean html) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "url" -> content.url();
                case "expires" -> content.expires();
                case "brand" -> content.brand();
                case "user.name" -> content.userName();
                case "user.username" -> content.username();
                case "user.email" -> content.userEmail();
                default -> "";
            };
            String safe = value == null ? "" : html ? escape(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(safe));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String withoutMarkup(String html) {
        String text = TAG.matcher(html).replaceAll(" ").replace("&nbsp;", " ").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ").replaceAll("\\s*\\n\\s*(\\n\\s*)+", "\n\n").strip() + "\n";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean exists(Path directory, String name) {
        try {
            return Files.isRegularFile(resolve(directory, name));
        } catch (Unusable e) {
            return false;
        }
    }

    private static String read(Path directory, String name) throws Unusable {
        Path file = resolve(directory, name);
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Unusable("the email template " + name + " is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Unusable("the email template " + name + " cannot be read from the templates directory");
        }
    }

    /** The template's file: inside the templates directory, also once links are followed. */
    private static Path resolve(Path directory, String name) throws Unusable {
        if (directory == null || problem(name) != null) {
            throw new Unusable("the email template " + name + " is not in the templates directory");
        }
        try {
            Path root = directory.toRealPath();
            Path file = root.resolve(name).toRealPath();
            if (!file.startsWith(root)) {
                throw new Unusable("the email template " + name + " is not in the templates directory");
            }
            return file;
        } catch (IOException e) {
            throw new Unusable("the email template " + name + " is not in the templates directory");
        }
    }
}

package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser played by curl (Debian's, a real third-party HTTP client): its own cookie jar file, so cookies are
 * kept and sent by curl's own rules (host-only vs {@code Domain=} cookies, paths, expiry), redirects never followed
 * (each hop is the test's to check), and the URL's path sent as it is written ({@code --path-as-is}: curl would
 * otherwise resolve {@code ..} and {@code .} itself, and the path-bypass tests need them to reach the proxy). Every connection goes to 127.0.0.1 at the URL's port
 * ({@code --connect-to ::127.0.0.1:}), while the URL's host stays the Host header and the cookie domain: that is
 * how {@code app.localhost}-style names, which this machine's resolver does not know, reach the loopback servers.
 */
final class Curl {
    private static final AtomicInteger JARS = new AtomicInteger();

    private final Path dir;
    private final Path jar;
    private final AtomicInteger calls = new AtomicInteger();

    /** A header as received: name as sent, value trimmed. */
    record Header(String name, String value) {
    }

    /** One response: the request's URL, the status, the headers in order, the body. */
    record Response(String method, String url, int status, List<Header> headers, String body) {
        /** Every value of a header (any case of its name). */
        List<String> headers(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }

        Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        boolean redirect() {
            return status >= 300 && status < 400 && header("Location").isPresent();
        }

        /** The Location header resolved against the request URL. */
        URI location() {
            String to = header("Location").orElseThrow(() -> new AssertionError("no Location in " + this));
            return URI.create(url).resolve(to);
        }

        /** What the echo upstream answered, read back; fails when this is not its answer. */
        EchoUpstream.Seen echoed() {
            assertThat(status).as("%s %s answered by the upstream\n%s", method, url, this).isEqualTo(200);
            assertThat(header("Content-Type").orElse("")).as("the upstream's JSON\n%s", this).startsWith("application/json");
            return EchoUpstream.Seen.parse(body);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method).append(' ').append(url).append(" -> ").append(status);
            headers.forEach(h -> s.append("\n  ").append(h.name()).append(": ").append(h.value()));
            return s.append("\n\n").append(body.length() > 2000 ? body.substring(0, 2000) + "…" : body).toString();
        }
    }

    /** A cookie as curl's jar records it. */
    record Cookie(String domain, boolean includeSubdomains, String path, boolean secure, long expires, String name,
                  String value, boolean httpOnly) {
    }

    /** A fresh browser: an empty cookie jar under {@code dir}. */
    Curl(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            this.jar = Files.createFile(dir.resolve("cookies-" + JARS.incrementAndGet() + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET with extra headers ("Name: value"). */
    Response get(String url, String... headers) {
        return send("GET", url, null, null, headers);
    }

    /** A request with an optional body of the given content type, and extra headers ("Name: value"). */
    Response send(String method, String url, String contentType, String body, String... headers) {
        int n = calls.incrementAndGet();
        Path head = dir.resolve("head-" + n + ".txt");
        Path out = dir.resolve("body-" + n + ".txt");
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--path-as-is", "--max-time", "30",
                "--connect-to", "::127.0.0.1:", "--cookie", jar.toString(), "--cookie-jar", jar.toString(),
                "--dump-header", head.toString(), "--output", out.toString(), "--write-out", "%{http_code}",
                "--request", method));
        for (String h : headers) {
            cmd.add("--header");
            cmd.add(h);
        }
        try {
            if (body != null) {
                Path in = Files.writeString(dir.resolve("request-" + n + ".txt"), body);
                cmd.addAll(List.of("--header", "Content-Type: " + contentType, "--data-binary", "@" + in));
            }
            cmd.add(url);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("curl %s %s", method, url).isTrue();
            assertThat(p.exitValue()).as("curl %s %s: %s", method, url, printed).isZero();
            return new Response(method, url, Integer.parseInt(printed.trim()), parseHeaders(Files.readString(head)),
                    Files.exists(out) ? Files.readString(out) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<Header> parseHeaders(String dump) {
        List<Header> headers = new ArrayList<>();
        for (String line : dump.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("HTTP/") && colon > 0) {
                headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).trim()));
            }
        }
        return headers;
    }

    /** The jar as curl wrote it after the last request. */
    List<Cookie> cookies() {
        try {
            List<Cookie> cookies = new ArrayList<>();
            for (String line : Files.readAllLines(jar)) {
                boolean httpOnly = line.startsWith("#HttpOnly_");
                String entry = httpOnly ? line.substring("#HttpOnly_".length()) : line;
                if (entry.isBlank() || entry.startsWith("#")) {
                    continue;
                }
                String[] f = entry.split("\t", -1);
                assertThat(f).as("cookie jar line %s", line).hasSize(7);
                cookies.add(new Cookie(f[0], f[1].equals("TRUE"), f[2], f[3].equals("TRUE"), Long.parseLong(f[4]), f[5],
                        f[6], httpOnly));
            }
            return cookies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar's cookies whose name starts with {@code prefix}. */
    List<Cookie> cookies(String prefix) {
        return cookies().stream().filter(c -> c.name().startsWith(prefix)).toList();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

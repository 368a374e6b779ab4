package dev.gatehouse.web.admin.directory;

import java.util.List;

/** The page models of the Directory pages: a user with its groups, sessions, devices, tokens and events; a group. */
public final class DirectoryPage {
    private DirectoryPage() {
    }

    /** A shown value; {@code block} values (YAML) are preformatted, {@code href} makes it a link. */
    public record Fact(String label, String value, String href, boolean block) {
        static Fact of(String label, String value) {
            return new Fact(label, value, null, false);
        }
    }

    /**
     * A row of a section: its cells (the first linking to {@code href} when set) and, when {@code action} is set, a
     * button posting {@code field=value} there (remove, end, delete).
     */
    public record Row(List<String> cells, String href, String action, String field, String value, String button) {
    }

    /** A table of rows under a heading with its column labels. */
    public record Table(List<String> headings, List<Row> rows, String empty) {
    }

    public record Option(String value, String label) {
    }

    /** A select of one choice with its errors. */
    public record Picker(String name, String label, List<Option> options, List<String> errors) {
    }

    /** The user page; {@code notice} reports the action just done (post/redirect/get). */
    public record UserPage(long pk, String title, String notice, boolean active, boolean self, List<Fact> info,
                           Table groups, Picker addGroup, Table sessions, Table devices, Table tokens, Table events,
                           String editHref, String deleteHref) {
        public String href() {
            return UserPages.href(pk);
        }

        /** The event log filtered to this user. */
        public String eventsHref() {
            return "/if/admin/events/?username=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The group page; the "add existing user" input is a username (a datalist suggests some). */
    public record GroupPage(String pk, String title, String notice, List<Fact> info, Table members,
                            List<String> suggestions, String username, List<String> usernameErrors, String editHref,
                            String deleteHref) {
        public String href() {
            return GroupPages.href(pk);
        }
    }

    /** Set a user's password: the new one twice; errors beside each input and above the form. */
    public record PasswordPage(String heading, String action, String cancelHref, List<String> passwordErrors,
                               List<String> repeatErrors, List<String> errors) {
    }

    /** A recovery link, shown once. */
    public record LinkPage(String heading, String text, String link, String backHref) {
    }
}

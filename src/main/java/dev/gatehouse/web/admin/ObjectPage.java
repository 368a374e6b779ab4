package dev.gatehouse.web.admin;

import java.util.List;

/** The page models of the generic object pages (list, detail, form, delete confirmation, type choice). */
public final class ObjectPage {
    private ObjectPage() {
    }

    /** A link. */
    public record Link(String label, String href) {
    }

    /** A list: search, sortable column headings, rows linking to each object, and paging. */
    public record ListPage(ObjectType type, String search, List<Heading> headings, List<Row> rows, long count,
                           int page, int totalPages, String previous, String next, String createHref,
                           List<Link> createLinks) {
    }

    /** A column heading; {@code href} orders by it (null when it cannot), {@code sort} is "ascending"/"descending"/null. */
    public record Heading(String label, String href, String sort) {
    }

    public record Row(String href, String title, List<String> cells) {
    }

    /** One object: its fields as label and value (a link for references), and what can be done to it. */
    public record DetailPage(ObjectType type, String title, String subtype, List<Property> properties,
                             String editHref, String deleteHref, List<Link> related) {
    }

    /** A shown field; {@code block} values (YAML, long text) are shown preformatted. */
    public record Property(String label, String value, String href, boolean block) {
    }

    /** A create or edit form; {@code notice} confirms the last save (null when there is none). */
    public record FormPage(String heading, String action, List<FormField> fields, List<String> errors,
                           String submit, String notice, String cancelHref) {
        public FormPage(String heading, String action, List<FormField> fields, List<String> errors, String submit,
                        String cancelHref) {
            this(heading, action, fields, errors, submit, null, cancelHref);
        }
    }

    public record ConfirmPage(String heading, String text, String action, String submit, String cancelHref) {
    }

    /** Which subtype to create (stages, policies, providers). */
    public record ChoosePage(String heading, List<Choice> choices, String cancelHref) {
    }

    public record Choice(String label, String description, String href) {
    }
}

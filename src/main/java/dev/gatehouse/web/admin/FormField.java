package dev.gatehouse.web.admin;

import java.util.List;
import java.util.Set;

/**
 * One input of an admin form, as the template draws it: from a declared field (its label, help, input and
 * choices), the value to show, and the errors the API gave for it.
 */
public record FormField(String name, String label, String help, Input input, boolean required, String value,
                        Set<String> selected, List<Option> options, List<String> errors, Integer maxLength) {

    /** How a field is entered. */
    public enum Input {
        TEXT, PASSWORD, TEXTAREA, CODE, NUMBER, CHECKBOX, SELECT, MULTI_SELECT, CHECKBOXES, DATETIME, LINES, YAML
    }

    /** A choice of a select or a checkbox group. */
    public record Option(String value, String label) {
    }

    public String id() {
        return "field-" + name;
    }

    public boolean checked() {
        return "true".equals(value);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public String describedBy() {
        return (help == null ? "" : id() + "-help ") + (errors.isEmpty() ? "" : id() + "-errors");
    }

    public FormField withErrors(List<String> more) {
        return new FormField(name, label, help, input, required, value, selected, options, more, maxLength);
    }
}

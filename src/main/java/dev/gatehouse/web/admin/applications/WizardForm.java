package dev.gatehouse.web.admin.applications;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.web.FormData;
import dev.gatehouse.web.admin.FormField;
import dev.gatehouse.web.admin.FormFields;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One object's part of the wizard's single form: the inputs of its declaration (less the fields the wizard
 * sets itself), named with a prefix ({@code app.name}, {@code provider.name}) so the two objects' fields do not
 * collide, and back from a posted form to that object's API request body; API errors map back to the prefixed names.
 */
final class WizardForm {
    private final String prefix;
    private final Definition<?> definition;
    private final Set<String> hidden;

    WizardForm(String prefix, Definition<?> definition, Set<String> hidden) {
        this.prefix = prefix;
        this.definition = definition;
        this.hidden = hidden;
    }

    private boolean shown(Field<?> f) {
        return !hidden.contains(f.name());
    }

    /** The inputs showing {@code values} (by API name), with {@code errors} (by API name) beside them. */
    List<FormField> fields(Map<String, Object> values, Function<dev.gatehouse.definition.Reference, List<FormField.Option>> options,
                           Map<String, List<String>> errors) {
        return FormFields.of(definition, values, options, errors).stream()
                .filter(f -> !hidden.contains(f.name())).map(this::prefixed).toList();
    }

    /** The inputs again after a refused post: what was entered, {@code errors} keyed by API name. */
    List<FormField> reshown(Map<String, Object> defaults, Function<dev.gatehouse.definition.Reference, List<FormField.Option>> options,
                            FormData form, Map<String, List<String>> errors) {
        return FormFields.reshown(fields(defaults, options, Map.of()), form, prefixed(errors));
    }

    /**
     * The input under its prefixed name. A field that only names a password (an attribute key such as
     * {@code basic_auth_password_attribute}) and is not write-only is typed in the clear, and kept when the form is
     * shown again.
     */
    private FormField prefixed(FormField f) {
        boolean secret = definition.writable().stream().anyMatch(d -> d.name().equals(f.name()) && d.isWriteOnly());
        FormField.Input input = f.input() == FormField.Input.PASSWORD && !secret ? FormField.Input.TEXT : f.input();
        return new FormField(prefix + f.name(), f.label(), f.help(), input, f.required(), f.value(), f.selected(),
                f.options(), f.errors(), f.maxLength());
    }

    Map<String, List<String>> prefixed(Map<String, List<String>> errors) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        errors.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** Whether the API error key names one of the inputs shown. */
    boolean shows(String apiName) {
        return definition.writable().stream().anyMatch(f -> f.name().equals(apiName) && shown(f));
    }

    /**
     * The API request body from the posted form: only the fields shown, typed as the declaration says; an empty
     * text for a field with no default (a generated client id) is left out so the API generates it.
     */
    FormFields.Body body(FormData form) {
        StringBuilder encoded = new StringBuilder();
        for (Field<?> f : definition.writable()) {
            if (!shown(f)) {
                continue;
            }
            for (String v : form.all(prefix + f.name())) {
                encoded.append(URLEncoder.encode(f.name(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        }
        FormFields.Body body = FormFields.body(definition, FormData.parse(encoded.toString()));
        Map<String, Object> defaults = definition.defaults();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> f : definition.writable()) {
            if (!shown(f) || !body.values().containsKey(f.name())) {
                continue;
            }
            Object v = body.values().get(f.name());
            if ("".equals(v) && defaults.get(f.name()) == null && !f.isRequired()) {
                continue;
            }
            values.put(f.name(), v);
        }
        return new FormFields.Body(values, body.errors());
    }

    static List<String> unshown(Map<String, List<String>> errors, List<WizardForm> forms) {
        List<String> out = new ArrayList<>();
        errors.forEach((k, v) -> {
            if (forms.stream().noneMatch(f -> f.shows(k))) {
                String label = k.equals("non_field_errors") || k.equals("detail") ? "" : k + ": ";
                v.forEach(m -> out.add(label + m));
            }
        });
        return out;
    }
}

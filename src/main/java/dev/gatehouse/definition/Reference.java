package dev.gatehouse.definition;

/**
 * A field's value names another object: its type ({@code flow}, {@code stage}, {@code group}, …), the type of
 * its primary key, and the subtype it is meant to have, or null for any: for a stage, its type ({@code password},
 * or {@code authenticator_*}), which is checked; for a flow, its designation ({@code authorization}), which only
 * narrows what an admin form's picker offers (as authentik, the API accepts a flow of any designation).
 * Existence is checked through {@link References}; an admin form shows such a field as a picker of that type.
 */
public record Reference(String type, Class<?> pkType, String subtype) {
    public static Reference to(String type, Class<?> pkType) {
        return new Reference(type, pkType, null);
    }
}

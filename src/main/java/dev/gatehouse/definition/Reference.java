package dev.gatehouse.definition;

/**
 * A field's value names another object: its type ({@code flow}, {@code stage}, {@code group}, …), the type of
 * its primary key, and, for stages and policies, the subtype it must have ({@code password}) or null for any.
 * Existence is checked through {@link References}; an admin form shows such a field as a picker of that type.
 */
public record Reference(String type, Class<?> pkType, String subtype) {
    public static Reference to(String type, Class<?> pkType) {
        return new Reference(type, pkType, null);
    }
}

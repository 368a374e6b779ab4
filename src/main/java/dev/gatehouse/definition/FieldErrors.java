package dev.gatehouse.definition;

/** Where a reader reports a field's problem; the first message per field wins (one 400 message per field). */
@FunctionalInterface
public interface FieldErrors {
    void error(String field, String message);
}

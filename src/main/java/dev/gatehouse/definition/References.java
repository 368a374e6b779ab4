package dev.gatehouse.definition;

/** Answers whether the object a {@link Reference} field names exists. */
@FunctionalInterface
public interface References {
    boolean exists(Reference reference, Object pk);
}

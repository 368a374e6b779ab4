package dev.gatehouse.flow.engine;

/** A typed key of the flow context: {@code FlowKeys.PENDING_USER} reads back as a {@code User}. */
public record ContextKey<T>(String name, Class<T> type) {
}

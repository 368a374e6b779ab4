package dev.gatehouse.flow.engine;

/**
 * A typed key of the flow context: {@code FlowKeys.PENDING_USER} reads back as a {@code User}. A {@code secret} key
 * (a TOTP secret or recovery codes being enrolled) is left out of {@link FlowContext#asMap}, so policies and
 * expressions never see its value. {@code codec} stores the value with its plan (by default the one of its type,
 * {@link ContextCodecs#forType}); the stored plan is sealed as a whole.
 */
public record ContextKey<T>(String name, Class<T> type, boolean secret, ContextCodec<T> codec) {

    public ContextKey(String name, Class<T> type) {
        this(name, type, false, ContextCodecs.forType(type));
    }

    public ContextKey(String name, Class<T> type, boolean secret) {
        this(name, type, secret, ContextCodecs.forType(type));
    }

    /** A key whose value only the stages holding the key may read. */
    public static <T> ContextKey<T> secret(String name, Class<T> type) {
        return new ContextKey<>(name, type, true);
    }
}

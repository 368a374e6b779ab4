package dev.gatehouse.flow.engine;

/**
 * How the value of one {@link ContextKey} is stored with its plan: {@link #encode} gives a JSON-able form
 * (strings, numbers, booleans, lists and maps of them) and {@link #decode} reads it back; {@code tag} names the
 * codec in the stored plan, so a value is read back by the codec that wrote it. Decoding may give {@code null}
 * (an object the value referred to is gone): the key is then absent.
 */
public interface ContextCodec<T> {

    String tag();

    Object encode(T value);

    T decode(Object stored, ContextRefs refs);
}

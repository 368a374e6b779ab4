package dev.gatehouse.core;

/** The object changed since the caller read it; nothing was written. */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException() {
        super("changed concurrently", null, false, false);
    }
}

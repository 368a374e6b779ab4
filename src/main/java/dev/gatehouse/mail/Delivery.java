package dev.gatehouse.mail;

/** How a delivery attempt ended. */
public sealed interface Delivery {
    record Sent() implements Delivery {
    }

    /** {@code reason}: one line naming what failed (connection refused, TLS, authentication), never a secret. */
    record Failed(String reason) implements Delivery {
    }
}

package dev.gatehouse.notification;

import dev.gatehouse.definition.Choice;

/** How a transport delivers a notification (authentik's {@code TransportMode}), with the label forms show. */
public enum TransportMode implements Choice {
    LOCAL("local", "Gatehouse inbuilt notifications"),
    WEBHOOK("webhook", "Generic Webhook"),
    WEBHOOK_SLACK("webhook_slack", "Slack Webhook (Slack/Discord)"),
    EMAIL("email", "Email");

    private final String wire;
    private final String label;

    TransportMode(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @Override
    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public boolean webhook() {
        return this == WEBHOOK || this == WEBHOOK_SLACK;
    }

    public static TransportMode of(String wire) {
        for (TransportMode m : values()) {
            if (m.wire.equals(wire)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown transport mode " + wire);
    }

    /** The constant of {@code wire}, or {@code fallback} when it names none (the field's check reports it). */
    static TransportMode orElse(String wire, TransportMode fallback) {
        for (TransportMode c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        return fallback;
    }
}

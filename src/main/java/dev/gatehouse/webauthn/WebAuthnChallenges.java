package dev.gatehouse.webauthn;

import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.FlowContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * WebAuthn challenges: 32 random bytes, kept in the flow's context (so bound to that browser's plan), valid for
 * {@link #TTL} and used at most once — reading one for verification removes it, whatever the outcome.
 * Registration and authentication keep theirs apart.
 */
public final class WebAuthnChallenges {
    /** How long a challenge may be answered (also the {@code timeout} the options announce). */
    public static final Duration TTL = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A challenge handed out, for the relying party it was issued for, until {@code expires}. */
    public record Issued(byte[] value, String rpId, Instant expires) {
    }

    /** The context keys of the two ceremonies. */
    public static final ContextKey<Issued> REGISTRATION = new ContextKey<>("webauthn_registration_challenge", Issued.class);
    public static final ContextKey<Issued> AUTHENTICATION = new ContextKey<>("webauthn_authentication_challenge", Issued.class);

    private WebAuthnChallenges() {
    }

    /** A fresh challenge stored under {@code key}, replacing any earlier one. */
    static Issued issue(FlowContext context, ContextKey<Issued> key, String rpId, Instant now) {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        Issued issued = new Issued(value, rpId, now.plus(TTL));
        context.put(key, issued);
        return issued;
    }

    /** The stored challenge, removed from the context; empty when there is none or it has expired. */
    static Optional<Issued> consume(FlowContext context, ContextKey<Issued> key, Instant now) {
        Optional<Issued> issued = context.get(key);
        context.remove(key);
        return issued.filter(i -> now.isBefore(i.expires()));
    }
}

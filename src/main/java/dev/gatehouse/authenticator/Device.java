package dev.gatehouse.authenticator;

import java.time.Instant;

/**
 * One authenticator device of a user, whatever its class ({@code totp}, {@code static}, {@code webauthn}): what
 * the devices API, the settings page and the validate stage need to know about it. {@code pk} is unique within
 * its class.
 */
public record Device(String deviceClass, long pk, long user, String name, boolean confirmed, Instant created,
                     Instant lastUpdated, Instant lastUsed) {
}

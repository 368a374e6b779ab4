package dev.gatehouse.config;

import java.time.Duration;

/**
 * Limits on the LDAP listeners' connections. {@code idleTimeoutSeconds}: a connection on which the client sends
 * nothing for that long is closed ({@code GATEHOUSE_LDAP__IDLE_TIMEOUT_SECONDS}, default 900, Active Directory's
 * {@code MaxConnIdleTime}, which LDAP clients already cope with); {@code maxConnectionsPerIp}: open connections one
 * client address may hold, more are closed at once ({@code GATEHOUSE_LDAP__MAX_CONNECTIONS_PER_IP}, default 64:
 * several pooled services behind one address fit, one address cannot take the listener's 4096). 0 turns a limit off.
 */
public record LdapLimits(int idleTimeoutSeconds, int maxConnectionsPerIp) {

    public static final LdapLimits DEFAULT = new LdapLimits(900, 64);

    /** The idle timeout, or null when idle connections are kept. */
    public Duration idleTimeout() {
        return idleTimeoutSeconds == 0 ? null : Duration.ofSeconds(idleTimeoutSeconds);
    }
}

package dev.gatehouse.config;

/** Outgoing mail settings ({@code EMAIL__*}); used by the email stage and {@code test_email}. */
public record EmailSettings(String host, int port, String username, String password,
                            boolean useTls, boolean useSsl, int timeoutSeconds, String from) {

    /** How the connection is protected, in words: "STARTTLS", "implicit TLS" or "no TLS". */
    public String security() {
        return useSsl ? "implicit TLS" : useTls ? "STARTTLS" : "no TLS";
    }

    @Override
    public String toString() {
        return "EmailSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=***, useTls=" + useTls + ", useSsl=" + useSsl + ", from=" + from + "]";
    }
}

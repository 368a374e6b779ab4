package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * At start, a WARNING when the trusted-proxy list is the built-in default: it trusts every private range, so on a
 * LAN without a reverse proxy any client could forge its IP and the scheme and host it used.
 */
class TrustedProxyWarningTest {

    /** The WARNING records Gatehouse logs while a server with these settings starts. */
    private static List<String> warningsAtStart(Map<String, String> config) {
        Logger logger = Logger.getLogger(Gatehouse.class.getName());
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    seen.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (TestServer ignored = TestServer.start(config)) {
            return List.copyOf(seen);
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void startWhenTrustedProxiesAreTheBuiltInDefaultThenWarningNamingTheKey() {
        assertThat(warningsAtStart(Map.of())).anySatisfy(w -> assertThat(w)
                .contains("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS").contains("X-Forwarded-For"));
    }

    @Test
    void startWhenTrustedProxiesConfiguredThenNoSuchWarning() {
        assertThat(warningsAtStart(Map.of("listen.trusted_proxy_cidrs", "127.0.0.1/32")))
                .noneSatisfy(w -> assertThat(w).contains("TRUSTED_PROXY_CIDRS"));
    }
}

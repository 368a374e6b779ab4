package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatehouseConfigTest {

    private static GatehouseConfig fromEnv(String... kv) {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return GatehouseConfig.from(ConfigSource.load(env, null));
    }

    @Test
    void defaults() {
        GatehouseConfig c = fromEnv();
        assertThat(c.http()).isEqualTo(new ListenAddress("0.0.0.0", 9000));
        assertThat(c.https()).isEqualTo(new ListenAddress("0.0.0.0", 9443));
        assertThat(c.ldap()).isEqualTo(new ListenAddress("0.0.0.0", 3389));
        assertThat(c.ldaps()).isEqualTo(new ListenAddress("0.0.0.0", 6636));
        assertThat(c.radius()).isEqualTo(new ListenAddress("0.0.0.0", 1812));
        assertThat(c.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(c.embedded()).isTrue();
        assertThat(c.postgres()).isEmpty();
        assertThat(c.secretKey()).isEmpty();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.logFormat()).isEqualTo("text");
        assertThat(c.email().port()).isEqualTo(25);
        assertThat(c.trustedProxies()).isNotEmpty();
    }

    @Test
    void postgresDefaultsApplyWhenOnlyHostIsSet() {
        GatehouseConfig c = fromEnv("GATEHOUSE_POSTGRESQL__HOST", "db", "GATEHOUSE_DATA_DIR", "/srv/gh/../gatehouse");
        assertThat(c.embedded()).isFalse();
        PostgresSettings pg = c.postgres().orElseThrow();
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.name()).isEqualTo("authentik");
        assertThat(pg.user()).isEqualTo("authentik");
        assertThat(pg.sslmode()).isEqualTo("prefer");
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/gatehouse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "127.0.0.1:abc", "0.0.0.0:70000", "127.0.0.1:-1", ":"})
    void badListenHttpNamesTheKey(String value) {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_LISTEN__HTTP", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEHOUSE_LISTEN__HTTP: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void listenAcceptsIpv6AndEmptyHost() {
        GatehouseConfig c = fromEnv("GATEHOUSE_LISTEN__HTTP", "[::1]:9001", "GATEHOUSE_LISTEN__HTTPS", ":9444");
        assertThat(c.http()).isEqualTo(new ListenAddress("::1", 9001));
        assertThat(c.http().toString()).isEqualTo("[::1]:9001");
        assertThat(c.https()).isEqualTo(new ListenAddress("0.0.0.0", 9444));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "0"})
    void badPostgresPortNamesTheKey(String value) {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_POSTGRESQL__HOST", "db", "GATEHOUSE_POSTGRESQL__PORT", value))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_POSTGRESQL__PORT: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "not-a-network", "10.0.0.0/x", "example.com/8", "::1/129"})
    void badCidrNamesTheKey(String value) {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS", "192.168.0.0/16," + value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS: ")
                .hasMessageContaining(value);
    }

    @Test
    void cidrListIsParsed() throws Exception {
        GatehouseConfig c = fromEnv("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS", "10.0.0.0/8, 2001:db8::/32");
        assertThat(c.trustedProxies()).hasSize(2);
        assertThat(c.trustedProxies().get(0).contains(InetAddress.getByName("10.9.8.7"))).isTrue();
        assertThat(c.trustedProxies().get(0).contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(c.trustedProxies().get(1).contains(InetAddress.getByName("2001:db8::5"))).isTrue();
        assertThat(c.trustedProxies().get(1).contains(InetAddress.getByName("2001:db9::5"))).isFalse();
    }

    @Test
    void badLogLevelNamesTheKey() {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_LOG_LEVEL", "verbose"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_LOG_LEVEL: ")
                .hasMessageContaining("verbose");
        assertThat(fromEnv("GATEHOUSE_LOG_LEVEL", "DEBUG").logLevel()).isEqualTo("debug");
    }

    @Test
    void badLogFormatAndBadBooleanNameTheKey() {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_LOG__FORMAT", "xml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_LOG__FORMAT: ");
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_EMAIL__USE_TLS", "maybe"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_EMAIL__USE_TLS: ");
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_POSTGRESQL__HOST", "db", "GATEHOUSE_POSTGRESQL__SSLMODE", "sometimes"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_POSTGRESQL__SSLMODE: ");
    }

    @Test
    void emailPasswordIsNotInToString() {
        GatehouseConfig c = fromEnv("GATEHOUSE_EMAIL__PASSWORD", "super-secret-mail");
        assertThat(c.email().password()).isEqualTo("super-secret-mail");
        assertThat(c.email().toString()).doesNotContain("super-secret-mail");
    }

    @Test
    void externalUrlWhenSetThenSchemeAndAuthorityOnly() {
        assertThat(fromEnv().externalUrl()).isEmpty();
        assertThat(fromEnv("GATEHOUSE_EXTERNAL_URL", "HTTPS://Auth.Example.org/").externalUrl())
                .contains("https://auth.example.org");
        assertThat(fromEnv("AUTHENTIK_EXTERNAL_URL", "http://auth.example.org:8080").externalUrl())
                .contains("http://auth.example.org:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth.example.org", "ftp://auth.example.org", "https://auth.example.org/sso",
            "https://auth.example.org/?x=1", "https://user@auth.example.org", "https://"})
    void externalUrlWhenNotABareHttpUrlThenNamesTheKey(String value) {
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_EXTERNAL_URL", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEHOUSE_EXTERNAL_URL: ");
    }

    @Test
    void trustedProxiesBuiltInOnlyWhenTheKeyIsNotSet() {
        assertThat(fromEnv().trustedProxiesBuiltIn()).isTrue();
        assertThat(fromEnv("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS", GatehouseConfig.DEFAULT_TRUSTED_PROXIES)
                .trustedProxiesBuiltIn()).isFalse();
    }

    @Test
    void ldapLimitsDefaultAndConfigured() {
        assertThat(fromEnv().ldapLimits()).isEqualTo(LdapLimits.DEFAULT);
        LdapLimits set = fromEnv("GATEHOUSE_LDAP__IDLE_TIMEOUT_SECONDS", "0",
                "GATEHOUSE_LDAP__MAX_CONNECTIONS_PER_IP", "8").ldapLimits();
        assertThat(set.idleTimeout()).isNull();
        assertThat(set.maxConnectionsPerIp()).isEqualTo(8);
        assertThatThrownBy(() -> fromEnv("GATEHOUSE_LDAP__MAX_CONNECTIONS_PER_IP", "-1"))
                .hasMessageStartingWith("GATEHOUSE_LDAP__MAX_CONNECTIONS_PER_IP: ");
    }
}

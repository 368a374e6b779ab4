package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    @TempDir
    Path dir;

    @Test
    void gatehousePrefixWinsOverAuthentikPrefix() {
        ConfigSource src = ConfigSource.load(Map.of(
                "AUTHENTIK_COOKIE_DOMAIN", "authentik.example", "GATEHOUSE_COOKIE_DOMAIN", "gatehouse.example",
                "AUTHENTIK_BOOTSTRAP_EMAIL", "a@example.org"), null);
        assertThat(src.get("cookie_domain")).contains("gatehouse.example");
        assertThat(src.get("bootstrap_email")).contains("a@example.org");
    }

    @Test
    void doubleUnderscoreNestsAndSingleUnderscoreStaysInTheName() {
        ConfigSource src = ConfigSource.load(Map.of("GATEHOUSE_POSTGRESQL__HOST", "db.internal",
                "GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS", "10.0.0.0/8", "GATEHOUSE_SECRET_KEY", "k"), null);
        assertThat(src.get("postgresql.host")).contains("db.internal");
        assertThat(src.get("listen.trusted_proxy_cidrs")).contains("10.0.0.0/8");
        assertThat(src.get("secret_key")).contains("k");
        assertThat(src.get("postgresql__host")).isEmpty();
    }

    @Test
    void unrelatedVariablesAreIgnoredAndBlankValuesCountAsAbsent() {
        ConfigSource src = ConfigSource.load(Map.of("PATH", "/usr/bin", "GATEHOUSE_COOKIE_DOMAIN", "  "), null);
        assertThat(src.get("path")).isEmpty();
        assertThat(src.get("cookie_domain")).isEmpty();
        assertThat(src.get("cookie_domain", "fallback")).isEqualTo("fallback");
    }

    @Test
    void yamlFileValuesAreReadAndEnvironmentOverridesThem() throws IOException {
        Path yml = dir.resolve("gatehouse.yml");
        Files.writeString(yml, """
                postgresql:
                  host: yaml-db
                  port: 5433
                  name: fromyaml
                listen:
                  http: 127.0.0.1:9100
                  trusted_proxy_cidrs:
                    - 10.1.0.0/16
                    - 10.2.0.0/16
                log_level: debug
                """);
        Map<String, String> env = Map.of("GATEHOUSE_CONFIG_FILE", yml.toString(),
                "GATEHOUSE_POSTGRESQL__PORT", "6543", "AUTHENTIK_LOG_LEVEL", "warning");
        ConfigSource src = ConfigSource.load(env, null);
        assertThat(src.get("postgresql.host")).contains("yaml-db");
        assertThat(src.get("postgresql.name")).contains("fromyaml");
        assertThat(src.get("postgresql.port")).contains("6543");
        assertThat(src.get("log_level")).contains("warning");
        assertThat(src.get("listen.trusted_proxy_cidrs")).contains("10.1.0.0/16,10.2.0.0/16");

        GatehouseConfig config = GatehouseConfig.from(src);
        assertThat(config.postgres()).hasValueSatisfying(pg -> {
            assertThat(pg.host()).isEqualTo("yaml-db");
            assertThat(pg.port()).isEqualTo(6543);
        });
        assertThat(config.http()).isEqualTo(new ListenAddress("127.0.0.1", 9100));
        assertThat(config.trustedProxies()).hasSize(2);
    }

    @Test
    void explicitFileIsUsedInsteadOfTheEnvironmentOne() throws IOException {
        Path a = Files.writeString(dir.resolve("a.yml"), "cookie_domain: a.example\n");
        Path b = Files.writeString(dir.resolve("b.yml"), "cookie_domain: b.example\n");
        ConfigSource src = ConfigSource.load(Map.of("GATEHOUSE_CONFIG_FILE", a.toString()), b);
        assertThat(src.get("cookie_domain")).contains("b.example");
    }

    @Test
    void unreadableOrInvalidYamlNamesConfigFile() throws IOException {
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> ConfigSource.load(Map.of("GATEHOUSE_CONFIG_FILE", missing.toString()), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_CONFIG_FILE: ")
                .hasMessageContaining(missing.toString());
        Path list = Files.writeString(dir.resolve("list.yml"), "- a\n- b\n");
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), list))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_CONFIG_FILE: ");
        Path broken = Files.writeString(dir.resolve("broken.yml"), "a: [unclosed\n");
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), broken))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_CONFIG_FILE: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void envReferenceIsResolved() {
        ConfigSource src = ConfigSource.load(Map.of("GATEHOUSE_POSTGRESQL__PASSWORD", "env://DB_PASS",
                "DB_PASS", " hunter2 \n"), null);
        assertThat(src.get("postgresql.password")).contains("hunter2");
    }

    @Test
    void fileReferenceIsResolvedAndTrimmed() throws IOException {
        Path secret = Files.writeString(dir.resolve("pw"), "from-file\n");
        ConfigSource src = ConfigSource.load(Map.of("GATEHOUSE_POSTGRESQL__PASSWORD", "file://" + secret), null);
        assertThat(secret.toString()).startsWith("/");
        assertThat(src.get("postgresql.password")).contains("from-file");
    }

    @Test
    void yamlValuesMayBeReferencesToo() throws IOException {
        Path secret = Files.writeString(dir.resolve("key"), "yaml-secret");
        Path yml = Files.writeString(dir.resolve("c.yml"), "secret_key: file://" + secret + "\nemail:\n  password: env://MAIL_PW\n");
        ConfigSource src = ConfigSource.load(Map.of("MAIL_PW", "mailpw"), yml);
        assertThat(src.get("secret_key")).contains("yaml-secret");
        assertThat(src.get("email.password")).contains("mailpw");
    }

    @Test
    void missingEnvReferenceNamesTheKey() {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_POSTGRESQL__HOST", "db");
        env.put("GATEHOUSE_POSTGRESQL__PASSWORD", "env://NOT_SET_ANYWHERE");
        ConfigSource src = ConfigSource.load(env, null);
        assertThatThrownBy(() -> src.get("postgresql.password"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEHOUSE_POSTGRESQL__PASSWORD: ")
                .hasMessageContaining("NOT_SET_ANYWHERE")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("GATEHOUSE_POSTGRESQL__PASSWORD"));
        assertThatThrownBy(() -> GatehouseConfig.from(src))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_POSTGRESQL__PASSWORD: ");
    }

    @Test
    void unreadableFileReferenceNamesTheKey() {
        String missing = dir.resolve("nope/secret").toString();
        ConfigSource src = ConfigSource.load(Map.of("GATEHOUSE_POSTGRESQL__HOST", "db",
                "GATEHOUSE_POSTGRESQL__PASSWORD", "file://" + missing), null);
        assertThatThrownBy(() -> GatehouseConfig.from(src))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEHOUSE_POSTGRESQL__PASSWORD: ")
                .hasMessageContaining(missing);
        ConfigSource dirRef = ConfigSource.load(Map.of("GATEHOUSE_SECRET_KEY", "file://" + dir), null);
        assertThatThrownBy(() -> dirRef.get("secret_key"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_SECRET_KEY: ");
    }

    @Test
    void authentikSpelledKeyIsReportedWithItsGatehouseName() {
        ConfigSource src = ConfigSource.load(Map.of("AUTHENTIK_LISTEN__HTTP", "nonsense"), null);
        assertThatThrownBy(() -> GatehouseConfig.from(src))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEHOUSE_LISTEN__HTTP: ");
    }

    @Test
    void envNameSpellsNestedKeysWithDoubleUnderscore() {
        assertThat(ConfigSource.envName("postgresql.password")).isEqualTo("GATEHOUSE_POSTGRESQL__PASSWORD");
        assertThat(ConfigSource.envName("log_level")).isEqualTo("GATEHOUSE_LOG_LEVEL");
    }
}

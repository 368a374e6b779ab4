package dev.gatehouse.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid configuration stops {@code server} with one stderr line naming the key, no stack trace, exit != 0. */
class ConfigErrorsIT {
    @TempDir
    Path dir;

    private Map<String, String> env(String... extra) {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    @Test
    void portThatIsNotANumberNamesListenHttp() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_LISTEN__HTTP", "127.0.0.1:abc"), null, "server")) {
            p.assertSingleLineConfigError("GATEHOUSE_LISTEN__HTTP");
        }
    }

    @Test
    void portOutOfRangeNamesListenHttp() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_LISTEN__HTTP", "127.0.0.1:70000"), null, "server")) {
            p.assertSingleLineConfigError("GATEHOUSE_LISTEN__HTTP");
        }
    }

    @Test
    void unreadableConfigFileNamesConfigFile() {
        String missing = dir.resolve("no-such-dir/gatehouse.yml").toString();
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_CONFIG_FILE", missing), null, "server")) {
            p.assertSingleLineConfigError("GATEHOUSE_CONFIG_FILE");
        }
    }

    @Test
    void unreachablePostgresNamesPostgresHost() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_POSTGRESQL__HOST", "127.0.0.1",
                "GATEHOUSE_POSTGRESQL__PORT", Integer.toString(closedPort), "GATEHOUSE_SECRET_KEY", "s3cret-for-tests"),
                null, "server")) {
            p.assertSingleLineConfigError("GATEHOUSE_POSTGRESQL__HOST");
        }
    }

    @Test
    void postgresWithoutSecretKeyNamesSecretKey() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_POSTGRESQL__HOST", "127.0.0.1"), null, "server")) {
            p.assertSingleLineConfigError("GATEHOUSE_SECRET_KEY");
        }
    }

    @Test
    void missingEnvReferenceNamesTheKeyThatRefersToIt() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env("GATEHOUSE_POSTGRESQL__HOST", "127.0.0.1",
                "GATEHOUSE_POSTGRESQL__PASSWORD", "env://GATEHOUSE_TEST_NOT_SET"), null, "migrate")) {
            p.assertSingleLineConfigError("GATEHOUSE_POSTGRESQL__PASSWORD");
        }
    }

    @Test
    void httpsPortInUseNamesListenHttps() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Map<String, String> env = env("GATEHOUSE_LISTEN__HTTPS", "127.0.0.1:" + taken.getLocalPort());
            try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "server")) {
                p.assertSingleLineConfigError("GATEHOUSE_LISTEN__HTTPS");
            }
        }
    }
}

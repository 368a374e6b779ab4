package dev.gatehouse.testing;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.config.ConfigSource;
import dev.gatehouse.config.GatehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Gatehouse started in-process on free loopback ports with its own data directory, plus a small
 * JSON-over-HTTP client for tests. Extra configuration keys use the dotted form ({@code bootstrap_token}).
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-bootstrap-token-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    private final Gatehouse gatehouse;
    private final Path dataDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Gatehouse gatehouse, Path dataDir) {
        this.gatehouse = gatehouse;
        this.dataDir = dataDir;
    }

    /** Embedded H2, with akadmin's bootstrap password and token set. */
    public static TestServer start() {
        return start(Map.of());
    }

    /** On a fresh database of the shared embedded PostgreSQL (same bootstrap as {@link #start()}). */
    public static TestServer startOnPostgres() {
        return startOnPostgres(TestDatabases.newPostgresDatabase());
    }

    /**
     * On the named database of the shared embedded PostgreSQL: two servers started on one name are two processes
     * of a cluster (same secret key, one database).
     */
    public static TestServer startOnPostgres(String database) {
        return start(postgres(database));
    }

    /** On a fresh database of the shared embedded PostgreSQL, with extra config keys as {@link #start(Map)}. */
    public static TestServer startOnPostgres(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(postgres(TestDatabases.newPostgresDatabase()));
        values.putAll(extra);
        return start(values);
    }

    private static Map<String, String> postgres(String database) {
        return Map.of("postgresql.host", "localhost",
                "postgresql.port", String.valueOf(TestDatabases.postgresPort()),
                "postgresql.name", database, "postgresql.user", "postgres",
                "postgresql.password", "postgres", "secret_key", "test-secret");
    }

    /** With extra config keys; an empty value removes a default (e.g. {@code bootstrap_password}). */
    public static TestServer start(Map<String, String> extra) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-test");
            Map<String, String> values = new HashMap<>();
            values.put("data_dir", dir.toString());
            values.put("listen.http", "127.0.0.1:0");
            values.put("listen.https", "127.0.0.1:0");
            values.put("listen.ldap", "127.0.0.1:0");
            values.put("listen.ldaps", "127.0.0.1:0");
            values.put("bootstrap_password", ADMIN_PASSWORD);
            values.put("bootstrap_token", ADMIN_TOKEN);
            values.put("bootstrap_email", "admin@example.org");
            values.putAll(extra);
            values.values().removeIf(String::isEmpty); // "" in extra leaves a default out
            GatehouseConfig config = GatehouseConfig.from(ConfigSource.of(values));
            return new TestServer(Gatehouse.start(config), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Gatehouse gatehouse() {
        return gatehouse;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String base() {
        return "http://127.0.0.1:" + gatehouse.httpPort();
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** Sends a request with an optional bearer token and JSON body; returns status and body text. */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gatehouse.close();
        client.close();
    }
}

package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code <gatehouse.root>/bin/gatehouse <args>} as a real process with its own environment (no inherited
 * GATEHOUSE_/AUTHENTIK_ variables), stdout and stderr captured to files, and stdin from a file.
 * Closing it kills the process (and anything it started) if it is still running.
 */
public final class GatehouseProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Map<String, String> env;

    private GatehouseProcess(Process process, Path stdout, Path stderr, Map<String, String> env) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = env;
    }

    public static Path root() {
        return Path.of(System.getProperty("gatehouse.root", System.getProperty("user.dir")));
    }

    /** A port that was free a moment ago on the loopback interface. */
    /**
     * A free port below Linux's ephemeral range (32768+), so that no outgoing connection can take it
     * between this check and the server's bind.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port found in 20000-32000");
    }

    /** Environment for a server on fresh loopback ports with the given data directory. */
    public static Map<String, String> serverEnv(Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_LISTEN__HTTP", "127.0.0.1:" + freePort());
        env.put("GATEHOUSE_LISTEN__HTTPS", "127.0.0.1:" + freePort());
        return env;
    }

    /**
     * Points {@code env} at {@code database} of the shared embedded PostgreSQL, with the secret key the processes of
     * one cluster share; returns {@code env}.
     */
    public static Map<String, String> onPostgres(Map<String, String> env, String database, String secretKey) {
        env.put("GATEHOUSE_POSTGRESQL__HOST", "127.0.0.1");
        env.put("GATEHOUSE_POSTGRESQL__PORT", Integer.toString(dev.gatehouse.testing.TestDatabases.postgresPort()));
        env.put("GATEHOUSE_POSTGRESQL__NAME", database);
        env.put("GATEHOUSE_POSTGRESQL__USER", "postgres");
        env.put("GATEHOUSE_POSTGRESQL__PASSWORD", "postgres");
        env.put("GATEHOUSE_POSTGRESQL__SSLMODE", "disable");
        env.put("GATEHOUSE_SECRET_KEY", secretKey);
        return env;
    }

    public static GatehouseProcess start(Path workDir, Map<String, String> env, String... args) {
        return startWithInput(workDir, env, null, args);
    }

    private static boolean launcherWarm;

    /**
     * The first launch after a build records the JDK start-up cache (a training run of some seconds);
     * do it once, up front, so no test's timeout includes it.
     */
    private static synchronized void warmLauncher() throws IOException {
        if (launcherWarm) {
            return;
        }
        Process p = new ProcessBuilder(root().resolve("bin/gatehouse").toString(), "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launcherWarm = true;
    }

    static GatehouseProcess startWithInput(Path workDir, Map<String, String> env, String stdin, String... args) {
        return launch("bin/gatehouse", workDir, env, stdin, args);
    }

    /** Runs a command to completion (bounded) through {@code launcher} ({@code bin/ak}, say). */
    static GatehouseProcess runWith(String launcher, Path workDir, Map<String, String> env, String stdin,
                                    String... args) {
        GatehouseProcess p = launch(launcher, workDir, env, stdin, args);
        p.awaitExit(Duration.ofSeconds(90));
        return p;
    }

    /**
     * Starts the built jar with this JVM's {@code java} and {@code jvmArgs}, bypassing the launcher's flags (to
     * run it as a JVM configured otherwise would).
     */
    static GatehouseProcess startJar(Path workDir, Map<String, String> env, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(root().resolve("target/gatehouse.jar").toString());
        cmd.addAll(Arrays.asList(args));
        return exec(cmd, workDir, env, null, args);
    }

    private static GatehouseProcess launch(String launcher, Path workDir, Map<String, String> env, String stdin,
                                           String... args) {
        try {
            warmLauncher();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve(launcher).toString());
        cmd.addAll(Arrays.asList(args));
        return exec(cmd, workDir, env, stdin, args);
    }

    private static GatehouseProcess exec(List<String> cmd, Path workDir, Map<String, String> env, String stdin,
                                         String... args) {
        try {
            Files.createDirectories(workDir);
            String tag = (args.length == 0 ? "server" : args[0]) + "-" + System.nanoTime();
            Path out = workDir.resolve(tag + ".out");
            Path err = workDir.resolve(tag + ".err");
            Path in = workDir.resolve(tag + ".in");
            Files.writeString(in, stdin == null ? "" : stdin);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("AUTHENTIK_"));
            pb.environment().putAll(env);
            return new GatehouseProcess(pb.start(), out, err, Map.copyOf(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion (bounded) and returns it for inspection. */
    static GatehouseProcess run(Path workDir, Map<String, String> env, String stdin, String... args) {
        GatehouseProcess p = startWithInput(workDir, env, stdin, args);
        p.awaitExit(Duration.ofSeconds(90));
        return p;
    }

    Process process() {
        return process;
    }

    Map<String, String> env() {
        return env;
    }

    public int httpPort() {
        return port("GATEHOUSE_LISTEN__HTTP");
    }

    int httpsPort() {
        return port("GATEHOUSE_LISTEN__HTTPS");
    }

    private int port(String key) {
        String v = env.get(key);
        return Integer.parseInt(v.substring(v.lastIndexOf(':') + 1));
    }

    String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** Waits for the process to end; fails the test (after killing it) when it does not in time. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("gatehouse did not exit within " + timeout + "\nstderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Polls {@code /-/health/ready/} until it answers 200; fails if the process dies or time runs out. */
    public GatehouseProcess awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest req = HttpRequest.newBuilder(URI.create(httpBase() + "/-/health/ready/"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("gatehouse exited with " + process.exitValue() + " before it was ready\nstderr:\n"
                        + stderr());
            }
            try {
                if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(50);
        }
        throw new AssertionError("gatehouse not ready within " + START_TIMEOUT + "\nstderr:\n" + stderr());
    }

    /** Waits until stderr contains the text (log lines may follow readiness by a few milliseconds). */
    public void awaitStderr(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stderr never contained \"" + text + "\":\n" + stderr());
            }
            sleep(20);
        }
    }

    /** SIGTERM to the JVM (the launcher execs java, so this pid is the JVM's). */
    public void terminate() {
        process.destroy();
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Non-blank stderr lines. */
    List<String> stderrLines() {
        return stderr().lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration failure: non-zero exit, one stderr line naming the key, no stack trace. */
    void assertSingleLineConfigError(String key) {
        assertThat(exitCode()).as("exit code; stderr: %s", stderr()).isNotZero();
        List<String> lines = stderrLines();
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines.getFirst()).contains(key).doesNotContain("Exception").doesNotStartWith("\tat ")
                .doesNotStartWith("    at ");
        assertThat(stderr()).doesNotContainPattern("(?m)^\\s+at ");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

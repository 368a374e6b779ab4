package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway third-party server (Apache httpd, Caddy, nginx) for a test: a fresh temporary root directory
 * (readable by others, since a server running as root may drop its workers to {@code nobody}), a configuration
 * written there, checked by the server's own syntax check, then the server run in the foreground as a child process
 * on one loopback port, its output in {@code stdout.log} under the root, and stopped by its PID. Nothing of the
 * system's configuration in {@code /etc} is read, and no system service is started.
 */
public abstract class ThrowawayDaemon implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final String STDOUT = "stdout.log";

    private final String name;
    private final Path root;
    private final int port;
    private Process process;

    /**
     * Checks that {@code binary} is installed (the failure names {@code what}, e.g. the Debian package) and makes the
     * root directory {@code gatehouse-<dirPrefix>-*}.
     */
    protected ThrowawayDaemon(String name, Path binary, String what, String dirPrefix, int port) throws IOException {
        assertThat(binary).as(what).isExecutable();
        this.name = name;
        this.port = port;
        this.root = Files.createTempDirectory("gatehouse-" + dirPrefix + "-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The server's command line with these arguments; its working directory, input and environment set. */
    protected abstract ProcessBuilder command(List<String> args);

    /** The logs {@link #logs()} shows after {@code stdout.log}, e.g. an error log the configuration names. */
    protected List<Path> extraLogs() {
        return List.of();
    }

    public Path root() {
        return root;
    }

    public int port() {
        return port;
    }

    /** A directory under the root (and its parents), readable by others. */
    protected Path directory(String relative) throws IOException {
        Path dir = root.resolve(relative).normalize();
        assertThat(dir.startsWith(root)).as("%s is under the server root", relative).isTrue();
        for (Path d = dir; !d.equals(root); d = d.getParent()) {
            Files.createDirectories(d);
        }
        for (Path d = dir; !d.equals(root); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    /** Writes the configuration file; it may hold a secret, so only the parent process (this user) reads it. */
    protected Path writeConfig(String fileName, String content) throws IOException {
        Path file = root.resolve(fileName);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Runs the server's configuration check ({@code args}) to completion; fails with the configuration and its output. */
    protected void check(List<String> args, String config) throws IOException, InterruptedException {
        Process check = command(args).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String what = name + " " + String.join(" ", args);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as(what).isTrue();
        assertThat(check.exitValue()).as("%s of\n%s\n%s", what, config, checked).isZero();
    }

    /** Starts the server in the foreground ({@code args}), output to {@code stdout.log}, and waits until it answers HTTP. */
    protected void launch(List<String> args) throws IOException, InterruptedException {
        assertThat(process).as("%s started once", name).isNull();
        process = command(args).redirectErrorStream(true).redirectOutput(root.resolve(STDOUT).toFile()).start();
        awaitReady();
    }

    /** A command's process builder: working directory the root, stdin from /dev/null, LANG=C. */
    protected ProcessBuilder processBuilder(List<String> commandLine) {
        ProcessBuilder pb = new ProcessBuilder(commandLine).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("LANG", "C");
        return pb;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("%s exited before it answered\n%s", name, logs()).isTrue();
                try {
                    http.send(ping, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    Thread.sleep(50); // not listening yet
                }
            }
        }
        throw new AssertionError(name + " did not answer on port " + port + " within " + START_TIMEOUT + "\n" + logs());
    }

    /** {@code stdout.log} (anything the server printed) and the {@link #extraLogs()}. */
    public String logs() {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve(STDOUT));
        files.addAll(extraLogs());
        StringBuilder out = new StringBuilder();
        for (Path p : files) {
            try {
                if (Files.isRegularFile(p)) {
                    out.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** SIGTERM to the server's process (its PID), which stops its workers; returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " did not stop within " + STOP_TIMEOUT + "\n" + logs());
        }
        return process.exitValue();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server if it still runs, and removes the root directory. */
    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

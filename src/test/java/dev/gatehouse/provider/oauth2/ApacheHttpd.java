package dev.gatehouse.provider.oauth2;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A throwaway Apache httpd (Debian's {@code /usr/sbin/apache2} and the modules of
 * {@code /usr/lib/apache2/modules}): its own server root in a fresh temporary directory, a configuration
 * written there (one loopback port, the given modules, PID file and error log in the server root, then the
 * caller's site configuration), run in the foreground as a child process and stopped by its PID. Nothing of
 * the system's {@code /etc/apache2} is read. When the tests run as root, Apache's workers run as
 * {@code nobody}, so the server root is readable by others.
 */
final class ApacheHttpd implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path root;
    private final int port;
    private Process process;

    private ApacheHttpd(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** A server root (with an empty {@code htdocs/}) for a server on {@code 127.0.0.1:<port>}; not started yet. */
    static ApacheHttpd create(int port) throws IOException {
        assertThat(BINARY).as("Apache httpd (Debian package apache2; .ci/run installs it)").isExecutable();
        Path root = Files.createTempDirectory("gatehouse-httpd-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("htdocs"));
        Files.setPosixFilePermissions(root.resolve("htdocs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("run"));
        return new ApacheHttpd(root, port);
    }

    Path root() {
        return root;
    }

    /** Writes a file under {@code htdocs/} (directories made as needed), readable by Apache's workers. */
    void page(String path, String content) throws IOException {
        Path htdocs = root.resolve("htdocs");
        Path file = htdocs.resolve(path).normalize();
        assertThat(file.startsWith(htdocs)).as("%s is under htdocs/", path).isTrue();
        for (Path dir = file.getParent(); !dir.equals(htdocs); dir = dir.getParent()) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Writes {@code httpd.conf} (the modules by name, e.g. {@code mpm_event} for {@code mod_mpm_event.so}, then
     * {@code site}), checks it with {@code -t}, starts {@code apache2 -f httpd.conf -DFOREGROUND} and waits until
     * it answers HTTP.
     */
    void start(List<String> modules, String site) throws IOException, InterruptedException {
        StringBuilder conf = new StringBuilder()
                .append("ServerRoot \"").append(root).append("\"\n")
                .append("DefaultRuntimeDir \"").append(root.resolve("run")).append("\"\n")
                .append("PidFile \"").append(root.resolve("run/httpd.pid")).append("\"\n")
                .append("ErrorLog \"").append(errorLogPath()).append("\"\n")
                .append("LogLevel warn\n")
                .append("ServerName localhost\n")
                .append("Listen 127.0.0.1:").append(port).append('\n')
                // one worker process is plenty for one browser
                .append("StartServers 1\nServerLimit 1\nThreadsPerChild 16\nMaxRequestWorkers 16\n")
                .append("MinSpareThreads 1\nMaxSpareThreads 16\n");
        for (String module : modules) {
            Path so = MODULES.resolve("mod_" + module + ".so");
            assertThat(so).as("Apache module %s (Debian packages apache2-bin, libapache2-mod-*)", so).isRegularFile();
            conf.append("LoadModule ").append(module).append("_module ").append(so).append('\n');
        }
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("User nobody\nGroup nogroup\n");
        }
        conf.append(site);
        Path file = root.resolve("httpd.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        // it may hold a client secret; only the parent process (this user) reads it
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        Process check = command("-t").redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("apache2 -t").isTrue();
        assertThat(check.exitValue()).as("apache2 -t of\n%s\n%s", conf, checked).isZero();

        process = command("-DFOREGROUND").redirectErrorStream(true)
                .redirectOutput(root.resolve("stdout.log").toFile()).start();
        awaitReady();
    }

    private ProcessBuilder command(String flag) {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-f", root.resolve("httpd.conf").toString(), flag)
                .directory(root.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("APACHE_"));
        pb.environment().put("LANG", "C");
        return pb;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("apache2 exited before it answered\n%s", logs()).isTrue();
                try {
                    http.send(ping, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    Thread.sleep(50); // not listening yet
                }
            }
        }
        throw new AssertionError("apache2 did not answer on port " + port + " within " + START_TIMEOUT + "\n" + logs());
    }

    Path errorLogPath() {
        return root.resolve("error.log");
    }

    /** The error log (and anything Apache printed before it had one). */
    String logs() {
        StringBuilder out = new StringBuilder();
        for (Path p : List.of(root.resolve("stdout.log"), errorLogPath())) {
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

    /** The error log's lines at {@code level} or worse for {@code module} (e.g. "auth_openidc"), or any module ("*"). */
    List<String> logLines(String module, List<String> levels) {
        String modules = module.equals("*") ? "[a-z_0-9]+" : module;
        String pattern = ".*\\[" + modules + ":(" + String.join("|", levels) + ")\\].*";
        return logs().lines().filter(l -> l.matches(pattern)).collect(Collectors.toList());
    }

    /** SIGTERM to the parent process (its PID), which stops its workers; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("apache2 did not stop within " + STOP_TIMEOUT + "\n" + logs());
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

    /** Kills Apache if it still runs, and removes the server root. */
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

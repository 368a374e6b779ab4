package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.ThrowawayDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throwaway Apache httpd (Debian's {@code /usr/sbin/apache2} and the modules of
 * {@code /usr/lib/apache2/modules}): its own server root in a fresh temporary directory, a configuration
 * written there (one loopback port, the given modules, PID file and error log in the server root, then the
 * caller's site configuration), run in the foreground as a child process and stopped by its PID. Nothing of
 * the system's {@code /etc/apache2} is read. When the tests run as root, Apache's workers run as
 * {@code nobody}, so the server root is readable by others.
 */
final class ApacheHttpd extends ThrowawayDaemon {
    private static final Path BINARY = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private ApacheHttpd(int port) throws IOException {
        super("apache2", BINARY, "Apache httpd (Debian package apache2; .ci/run installs it)", "httpd", port);
    }

    /** A server root (with an empty {@code htdocs/}) for a server on {@code 127.0.0.1:<port>}; not started yet. */
    static ApacheHttpd create(int port) throws IOException {
        ApacheHttpd httpd = new ApacheHttpd(port);
        httpd.directory("htdocs");
        Files.createDirectories(httpd.root().resolve("run"));
        return httpd;
    }

    /** Writes a file under {@code htdocs/} (directories made as needed), readable by Apache's workers. */
    void page(String path, String content) throws IOException {
        Path htdocs = root().resolve("htdocs");
        Path file = htdocs.resolve(path).normalize();
        assertThat(file.startsWith(htdocs)).as("%s is under htdocs/", path).isTrue();
        directory(root().relativize(file.getParent()).toString());
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
                .append("ServerRoot \"").append(root()).append("\"\n")
                .append("DefaultRuntimeDir \"").append(root().resolve("run")).append("\"\n")
                .append("PidFile \"").append(root().resolve("run/httpd.pid")).append("\"\n")
                .append("ErrorLog \"").append(errorLogPath()).append("\"\n")
                .append("LogLevel warn\n")
                .append("ServerName localhost\n")
                .append("Listen 127.0.0.1:").append(port()).append('\n')
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
        writeConfig("httpd.conf", conf.toString());
        check(List.of("-t"), conf.toString());
        launch(List.of("-DFOREGROUND"));
    }

    @Override
    protected ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-f", root().resolve("httpd.conf").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = processBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("APACHE_"));
        return pb;
    }

    @Override
    protected List<Path> extraLogs() {
        return List.of(errorLogPath());
    }

    Path errorLogPath() {
        return root().resolve("error.log");
    }

    /** The error log's lines at {@code level} or worse for {@code module} (e.g. "auth_openidc"), or any module ("*"). */
    List<String> logLines(String module, List<String> levels) {
        String modules = module.equals("*") ? "[a-z_0-9]+" : module;
        String pattern = ".*\\[" + modules + ":(" + String.join("|", levels) + ")\\].*";
        return logs().lines().filter(l -> l.matches(pattern)).collect(Collectors.toList());
    }
}

package dev.gatehouse.provider.proxy;

import dev.gatehouse.testing.ThrowawayDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway nginx (Debian's {@code /usr/sbin/nginx}, built with {@code --with-http_auth_request_module}): an
 * {@code nginx.conf} in a fresh temporary directory (prefix, PID file, error and access logs and every temporary
 * path there; one worker, run as {@code nobody} when the tests run as root), then the caller's {@code http {}}
 * content, whose servers {@code listen 127.0.0.1:<port>} (a default server there answers 404 for any host they do
 * not name); checked with {@code nginx -t}, run with
 * {@code daemon off} in the foreground and stopped by its PID (SIGTERM: nginx's fast shutdown).
 */
final class NginxServer extends ThrowawayDaemon {
    private static final Path BINARY = Path.of("/usr/sbin/nginx");

    private NginxServer(int port) throws IOException {
        super("nginx", BINARY, "nginx (Debian package nginx; .ci/run installs it)", "nginx", port);
    }

    /** A prefix directory for an nginx whose servers listen on {@code 127.0.0.1:<port>}; not started yet. */
    static NginxServer create(int port) throws IOException {
        return new NginxServer(port);
    }

    /** Writes {@code nginx.conf} around {@code http} (the content of its {@code http {}} block), checks it and starts nginx. */
    void start(String http) throws IOException, InterruptedException {
        Path temp = directory("temp");
        StringBuilder conf = new StringBuilder()
                .append("daemon off;\nmaster_process on;\nworker_processes 1;\n")
                .append("pid ").append(root().resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(errorLogPath()).append(" warn;\n");
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user nobody nogroup;\n");
        }
        conf.append("events {\n    worker_connections 256;\n}\n")
                .append("http {\n")
                .append("    access_log ").append(root().resolve("access.log")).append(";\n");
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("    ").append(kind).append("_temp_path ").append(temp.resolve(kind)).append(";\n");
        }
        // a request for a host no server names (the readiness check asks for 127.0.0.1) is not the first server's
        conf.append("    server {\n        listen 127.0.0.1:").append(port())
                .append(" default_server;\n        server_name _;\n        return 404;\n    }\n");
        conf.append(http.indent(4)).append("}\n");
        writeConfig("nginx.conf", conf.toString());
        check(List.of("-t"), conf.toString());
        launch(List.of());
    }

    @Override
    protected ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-p", root() + "/", "-c",
                root().resolve("nginx.conf").toString(), "-e", errorLogPath().toString()));
        cmd.addAll(args);
        return processBuilder(cmd);
    }

    @Override
    protected List<Path> extraLogs() {
        return List.of(errorLogPath(), root().resolve("access.log"));
    }

    Path errorLogPath() {
        return root().resolve("error.log");
    }
}

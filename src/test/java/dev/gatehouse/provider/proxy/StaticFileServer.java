package dev.gatehouse.provider.proxy;

import dev.gatehouse.testing.ThrowawayDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The application behind the reverse proxy in the path-bypass tests: a real static file server that resolves dot
 * segments the way file servers do — Python's {@code http.server} (Debian's {@code /usr/bin/python3}), which
 * percent-decodes the whole path ({@code %2e}, {@code %2f} too) and then resolves {@code ..} with
 * {@code posixpath.normpath} — serving a tree with a protected {@link #SECRET_PAGE} and a public {@link #PUBLIC_PAGE}.
 * So {@code /outpost.goauthentik.io/../admin/}, sent to it as is, is the admin page: the request a gatekeeper must
 * never let through. Run in the foreground on one loopback port, stopped by its PID.
 */
final class StaticFileServer extends ThrowawayDaemon {
    private static final Path BINARY = Path.of("/usr/bin/python3");
    /** What only the protected pages contain. */
    static final String SECRET = "TOP-SECRET-ADMIN-PAGE";
    static final String PUBLIC = "public-page-for-everyone";
    static final String SECRET_PAGE = "/admin/secret.html";
    static final String PUBLIC_PAGE = "/public/index.html";

    private StaticFileServer(int port) throws IOException {
        super("python3 http.server", BINARY, "python3 (Debian package python3; .ci/run installs it)", "files", port);
    }

    /** Writes the file tree and starts serving it on {@code 127.0.0.1:<port>}. */
    static StaticFileServer start(int port) throws IOException, InterruptedException {
        StaticFileServer server = new StaticFileServer(port);
        try {
            Path site = server.directory("site");
            for (String page : List.of("/admin/index.html", SECRET_PAGE)) {
                server.page(site, page, "<h1>" + SECRET + "</h1>");
            }
            server.page(site, "/index.html", "<h1>home</h1>");
            server.page(site, PUBLIC_PAGE, "<h1>" + PUBLIC + "</h1>");
            server.launch(List.of("-m", "http.server", "--bind", "127.0.0.1", "--directory", site.toString(),
                    String.valueOf(port)));
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}, as a reverse proxy's upstream address. */
    String address() {
        return "127.0.0.1:" + port();
    }

    private void page(Path site, String path, String html) throws IOException {
        Path file = site.resolve(path.substring(1));
        directory(root().relativize(file.getParent()).toString());
        Files.writeString(file, html);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Override
    protected ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = processBuilder(cmd);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return pb;
    }
}

package dev.gatehouse.provider.proxy;

import dev.gatehouse.testing.ThrowawayDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway Caddy (Debian's {@code /usr/bin/caddy}, 2.6 on bookworm): a {@code Caddyfile} in a fresh temporary
 * directory with global options that keep it to itself (no admin endpoint, no automatic HTTPS, every site bound to
 * 127.0.0.1, its storage, HOME and XDG directories under that directory), then the caller's sites; checked with
 * {@code caddy validate}, run with {@code caddy run} in the foreground and stopped by its PID. Caddy logs to its
 * stderr, which is {@code stdout.log}.
 */
final class CaddyServer extends ThrowawayDaemon {
    private static final Path BINARY = Path.of("/usr/bin/caddy");

    private CaddyServer(int port) throws IOException {
        super("caddy", BINARY, "Caddy (Debian package caddy; .ci/run installs it)", "caddy", port);
    }

    /** A root directory for a Caddy whose sites listen on {@code 127.0.0.1:<port>}; not started yet. */
    static CaddyServer create(int port) throws IOException {
        return new CaddyServer(port);
    }

    /**
     * Writes the {@code Caddyfile} (the global options, then {@code sites}, whose addresses use {@link #port()}),
     * validates it and starts Caddy; returns when it answers HTTP.
     */
    void start(String sites) throws IOException, InterruptedException {
        directory("data");
        directory("config");
        String caddyfile = """
                {
                \tadmin off
                \tauto_https off
                \tdefault_bind 127.0.0.1
                \tstorage file_system %s
                }
                """.formatted(root().resolve("data")) + sites;
        writeConfig("Caddyfile", caddyfile);
        check(List.of("validate"), caddyfile);
        launch(List.of("run"));
    }

    @Override
    protected ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(args);
        cmd.addAll(List.of("--config", root().resolve("Caddyfile").toString(), "--adapter", "caddyfile"));
        ProcessBuilder pb = processBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("CADDY") || k.startsWith("XDG_"));
        pb.environment().put("HOME", root().toString());
        pb.environment().put("XDG_DATA_HOME", root().resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", root().resolve("config").toString());
        return pb;
    }
}

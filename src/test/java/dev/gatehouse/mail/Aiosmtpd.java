package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's aiosmtpd ({@code python3-aiosmtpd}) as a separate SMTP server process on a loopback port: STARTTLS offered
 * and required with the given certificate, each message received written to a Maildir that {@link #received} reads.
 */
final class Aiosmtpd implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private final Path root;
    private final int port;
    private final Process process;

    private Aiosmtpd(Path root, int port, Process process) {
        this.root = root;
        this.port = port;
        this.process = process;
    }

    /** Starts it with STARTTLS required, and waits until it greets. */
    static Aiosmtpd startTls(TestCertificates.Pair certificate) throws IOException, InterruptedException {
        assertThat(PYTHON).as("python3 (Debian package python3-aiosmtpd)").isExecutable();
        Path root = Files.createTempDirectory("gatehouse-aiosmtpd-");
        int port = GatehouseProcess.freePort();
        List<String> command = List.of(PYTHON.toString(), "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "--tlscert", certificate.cert().toString(), "--tlskey", certificate.key().toString(),
                "-c", "aiosmtpd.handlers.Mailbox", root.resolve("maildir").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("aiosmtpd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("LANG", "C.UTF-8");
        Aiosmtpd server = new Aiosmtpd(root, port, pb.start());
        server.awaitGreeting();
        return server;
    }

    int port() {
        return port;
    }

    private void awaitGreeting() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("aiosmtpd exited before it answered: %s", log()).isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                byte[] greeting = new byte[3];
                if (s.getInputStream().readNBytes(greeting, 0, 3) == 3
                        && new String(greeting, StandardCharsets.US_ASCII).equals("220")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(50); // not listening yet
            }
        }
        throw new AssertionError("aiosmtpd did not greet on port " + port + ": " + log());
    }

    /** The messages received so far, oldest first. */
    List<MimeMessage> received() throws IOException {
        Path inbox = root.resolve("maildir").resolve("new");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<MimeMessage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path f : files.sorted(Comparator.comparing(p -> p.toFile().lastModified())).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(new MimeMessage(Session.getInstance(new Properties()), in));
                } catch (jakarta.mail.MessagingException e) {
                    throw new IOException("cannot read " + f, e);
                }
            }
        }
        return out;
    }

    String log() {
        try {
            return Files.readString(root.resolve("aiosmtpd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.gatehouse.cli;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.logging.LogSetup;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Runs the server until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "server", description = "Run the server (HTTP, HTTPS, API)")
public final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger("gatehouse");
    @ParentCommand
    Main parent;

    @Override
    public Integer call() throws InterruptedException {
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        LogSetup.configure(config.logLevel(), config.logFormat());
        // The shutdown hook is in place before the listeners open: a SIGTERM that arrives while the server is
        // still starting (health already answering) waits for the start to finish, then shuts down cleanly.
        AtomicReference<Gatehouse> started = new AtomicReference<>();
        CountDownLatch startEnded = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        dev.gatehouse.logging.GatehouseLogManager.holdHandlersUntilStopped();
        Thread hook = new Thread(() -> {
            LOG.info("Shutting down: finishing in-flight requests");
            try {
                startEnded.await(START_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Gatehouse running = started.get();
            if (running != null) {
                running.close();
            }
            stopped.countDown();
            dev.gatehouse.logging.GatehouseLogManager.releaseHandlers();
        }, "gatehouse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Gatehouse g;
        try {
            g = Gatehouse.start(config);
            started.set(g);
        } catch (RuntimeException e) {
            removeHook(hook);
            dev.gatehouse.logging.GatehouseLogManager.releaseHandlers();
            throw e;
        } finally {
            startEnded.countDown();
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String host = config.http().host().equals("0.0.0.0") || config.http().host().equals("::")
                ? "localhost" : config.http().host();
        LOG.info("Gatehouse " + dev.gatehouse.core.Version.VALUE + " ready in " + uptime + " ms: http://" + host + ":"
                + g.httpPort() + "/ and https://" + host + ":" + g.httpsPort() + "/ (database: "
                + (config.embedded() ? "embedded H2 in " + config.dataDir() : "PostgreSQL") + "; JWT signatures: "
                + dev.gatehouse.crypto.JwtSignatureProvider.active() + ")");
        if (g.adminNeedsSetup()) {
            LOG.info("Start here: open http://" + host + ":" + g.httpPort()
                    + "/if/flow/initial-setup/ to set the password of akadmin");
        }
        stopped.await();
        return 0;
    }

    /** How long a shutdown requested during start-up waits for the start to finish. */
    private static final java.time.Duration START_GRACE = java.time.Duration.ofSeconds(60);

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook finds nothing started and only logs
        }
    }
}

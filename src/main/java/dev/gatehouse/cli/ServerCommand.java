package dev.gatehouse.cli;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.Main;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.logging.LogSetup;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
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
        Gatehouse g = Gatehouse.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        dev.gatehouse.logging.GatehouseLogManager.holdHandlersUntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing in-flight requests");
            g.close();
            stopped.countDown();
            dev.gatehouse.logging.GatehouseLogManager.releaseHandlers();
        }, "gatehouse-shutdown"));
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String host = config.http().host().equals("0.0.0.0") || config.http().host().equals("::")
                ? "localhost" : config.http().host();
        LOG.info("Gatehouse " + dev.gatehouse.Version.VALUE + " ready in " + uptime + " ms: http://" + host + ":"
                + g.httpPort() + "/ and https://" + host + ":" + g.httpsPort() + "/ (database: "
                + (config.embedded() ? "embedded H2 in " + config.dataDir() : "PostgreSQL") + ")");
        if (g.adminNeedsSetup()) {
            LOG.info("Start here: open http://" + host + ":" + g.httpPort()
                    + "/if/flow/initial-setup/ to set the password of akadmin");
        }
        stopped.await();
        return 0;
    }
}

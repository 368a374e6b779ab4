package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.core.RecoveryKeys;
import dev.gatehouse.logging.LogSetup;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code create_recovery_key <minutes> <username>}: prints a one-time login URL. */
@Command(name = "create_recovery_key", description = "Print a one-time URL that signs the user in")
public final class CreateRecoveryKeyCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Parameters(index = "0", paramLabel = "MINUTES", description = "how long the URL stays valid")
    int minutes;

    @Parameters(index = "1", paramLabel = "USERNAME", description = "the user it signs in")
    String username;

    @Override
    public Integer call() {
        if (minutes < 1) {
            System.err.println("gatehouse: MINUTES must be at least 1");
            return 2;
        }
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        LogSetup.configure(config.logLevel(), config.logFormat());
        try (Database db = Database.open(config, null)) {
            db.migrateIfNeeded();
            Optional<String> key = new RecoveryKeys(db).create(username, Duration.ofMinutes(minutes));
            if (key.isEmpty()) {
                System.err.println("gatehouse: no user named \"" + username + "\"");
                return 1;
            }
            String host = config.http().host().equals("0.0.0.0") || config.http().host().equals("::")
                    ? "localhost" : config.http().host();
            System.out.println("http://" + host + ":" + config.http().port() + "/recovery/use-token/" + key.get() + "/");
            return 0;
        }
    }
}

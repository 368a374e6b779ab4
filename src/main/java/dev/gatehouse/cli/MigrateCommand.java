package dev.gatehouse.cli;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.logging.LogSetup;
import dev.gatehouse.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Applies pending database migrations and exits. */
@Command(name = "migrate", description = "Apply database migrations and exit")
public final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Override
    public Integer call() {
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        LogSetup.configure(config.logLevel(), config.logFormat());
        try (Database db = Database.open(config, null)) {
            int applied = db.migrate();
            System.out.println("Applied " + applied + " migration(s); the schema is current.");
        }
        return 0;
    }
}

package dev.gatehouse.cli;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigSource;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.core.Version;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse <command>}: {@code server} when no command is given. Bad usage exits 2. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse " + "${sys:gatehouse.version}",
        description = "Gatehouse identity provider",
        subcommands = {ServerCommand.class, MigrateCommand.class, CreateAdminGroupCommand.class,
            HashPasswordCommand.class, HealthcheckCommand.class, dev.gatehouse.cli.CreateRecoveryKeyCommand.class,
            dev.gatehouse.cli.AotTrainCommand.class, TestEmailCommand.class})
public final class Main {
    @Option(names = {"-c", "--config"}, description = "YAML configuration file (also GATEHOUSE_CONFIG_FILE)",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    public Path configFile() {
        return configFile;
    }

    static {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "dev.gatehouse.logging.GatehouseLogManager");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args.length == 0 ? new String[] {"server"} : args));
    }

    public static int run(String... args) {
        System.setProperty("gatehouse.version", Version.VALUE);
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException ce) {
                cmd.getErr().println("gatehouse: configuration error: " + ce.getMessage());
            } else {
                cmd.getErr().println("gatehouse: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            return 1;
        });
        // Bad usage always shows the usage text (picocli's default shows only "Did you mean" for near misses).
        cli.setParameterExceptionHandler((ex, badArgs) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.usage(cmd.getErr());
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli.execute(args);
    }

    /** Loads the configuration from the environment and the optional YAML file. */
    public static GatehouseConfig loadConfig(Path configFile) {
        return GatehouseConfig.from(ConfigSource.load(System.getenv(), configFile));
    }
}

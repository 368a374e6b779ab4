package dev.gatehouse.cli;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.logging.LogSetup;
import dev.gatehouse.mail.Delivery;
import dev.gatehouse.mail.SmtpClient;
import dev.gatehouse.mail.TestEmail;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code test_email <to>}: sends a test message with the global {@code EMAIL__*} settings, straight to the SMTP
 * server (no database, no running server needed), and prints the outcome: one line either way, exit 1 on failure.
 */
@Command(name = "test_email", description = "Send a test email with the EMAIL__* settings")
public final class TestEmailCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Parameters(index = "0", paramLabel = "TO", description = "the recipient's address")
    String to;

    @Override
    public Integer call() {
        GatehouseConfig config = Main.loadConfig(parent.configFile());
        LogSetup.configure(config.logLevel(), config.logFormat());
        EmailSettings smtp = config.email();
        Delivery result = SmtpClient.withJvmTrust().send(TestEmail.to(to), smtp);
        return switch (result) {
            case Delivery.Sent sent -> {
                System.out.println("gatehouse: test email sent to " + to + " through " + smtp.host() + ":"
                        + smtp.port() + " (" + smtp.security() + ")");
                yield 0;
            }
            case Delivery.Failed failed -> {
                System.err.println("gatehouse: test email not sent: " + failed.reason());
                yield 1;
            }
        };
    }
}

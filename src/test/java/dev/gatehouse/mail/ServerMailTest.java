package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.core.CoreTables.Events;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The running server's mailer: the global EMAIL__* settings, its background sender started and stopped with it. */
class ServerMailTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Test
    void mailQueuedThroughTheServersMailerIsSentByItsSender() {
        Map<String, String> email = Map.of("email.host", "127.0.0.1",
                "email.port", String.valueOf(GREENMAIL.getSmtp().getPort()), "email.from", "id@example.org");
        long start;
        try (TestServer server = TestServer.start(email)) {
            var gatehouse = server.gatehouse();
            gatehouse.mailer().queue(new OutgoingMail("bob@example.org", "Welcome", "<p>Hi</p>", "Hi"),
                    gatehouse.config().email());

            Eventually.within(Duration.ofSeconds(10), "the message arrives", () -> GREENMAIL.getReceivedMessages().length == 1);
            Eventually.within(Duration.ofSeconds(10), "its event is written", () -> gatehouse.database().dsl()
                    .fetchCount(Events.T, Events.ACTION.eq("email_sent")) == 1);
            start = System.nanoTime();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the idle sender stops at once")
                .isLessThan(Duration.ofSeconds(3));
    }
}

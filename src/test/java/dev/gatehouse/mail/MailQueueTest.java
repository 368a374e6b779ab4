package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.CoreTables.Events;
import dev.gatehouse.core.Json;
import dev.gatehouse.queue.RetrySchedule;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mail queue and its background sender on H2 and PostgreSQL, delivering to a real SMTP server (GreenMail,
 * started and stopped by the test to play an SMTP server that is down): delivery woken by the commit, the caller's
 * transaction, retries with backoff, bounded attempts, a restart, two processes on one database, and the events.
 */
class MailQueueTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    /** Long enough that a test passing within seconds was woken by the commit, not by the safety-net poll. */
    private static final Duration NO_POLL = Duration.ofMinutes(10);
    private static final RetrySchedule QUICK = new RetrySchedule(List.of(Duration.ofMillis(300), Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(300)));
    private static final Duration SOON = Duration.ofSeconds(10);

    private GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private int startSmtp(int port) {
        smtp = new GreenMail(port == 0 ? new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()
                : new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // The queued settings authenticate: the password comes back out of its seal.
        smtp.setUser("mailer@example.org", "mailer", "Smtp-Secret-99");
        return smtp.getSmtp().getPort();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static EmailSettings settings(int port) {
        return new EmailSettings("127.0.0.1", port, "mailer", "Smtp-Secret-99", false, false, 2,
                "Gatehouse <gatehouse@example.org>");
    }

    private static OutgoingMail mail(String to, String subject) {
        return new OutgoingMail(to, subject, "<p>Reset: <a href=\"https://id.example.org/?flow_token=TOKEN-" + subject
                + "\">link</a></p>", "Reset: https://id.example.org/?flow_token=TOKEN-" + subject);
    }

    private static SmtpMailer mailer(Database db) {
        return new SmtpMailer(db, TestDatabases.SECRET_KEY, SmtpClient.withJvmTrust(), Clock.systemUTC());
    }

    private static List<MailQueue.Row> rows(Database db) {
        return new MailQueue(TestDatabases.SECRET_KEY).rows(db.dsl());
    }

    private static List<Map<String, Object>> events(Database db, String action) {
        return db.dsl().select(Events.CONTEXT).from(Events.T).where(Events.ACTION.eq(action))
                .fetch(r -> Json.map(r.get(Events.CONTEXT)));
    }

    private Set<String> receivedSubjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(MailQueueTest::subject).collect(Collectors.toSet());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aQueuedMessageIsSentByTheSenderOnceItsTransactionCommitsAndTheSendIsAnEvent(String kind) {
        int port = startSmtp(0);
        try (Database db = TestDatabases.open(kind);
             MailSender sender = mailer(db).sender(QUICK, NO_POLL).start()) {
            SmtpMailer mailer = mailer(db);

            mailer.queue(mail("bob@example.org", "Reset your password"), settings(port));

            Eventually.within(SOON, "the message arrives", () -> smtp.getReceivedMessages().length == 1);
            assertThat(receivedSubjects()).containsExactly("Reset your password");
            Eventually.within(SOON, "the row is gone", () -> rows(db).isEmpty());
            List<Map<String, Object>> sent = events(db, "email_sent");
            assertThat(sent).hasSize(1);
            assertThat(sent.getFirst()).containsEntry("subject", "Reset your password")
                    .containsEntry("to_email", List.of("bob@example.org"))
                    .containsEntry("from_email", "Gatehouse <gatehouse@example.org>")
                    .containsEntry("message", "Email to bob@example.org sent");
            assertThat(Json.write(sent.getFirst())).as("no single-use link in the event").doesNotContain("TOKEN");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void queueJoinsTheCallersTransaction(String kind) throws Exception {
        int port = startSmtp(0);
        try (Database db = TestDatabases.open(kind);
             MailSender sender = mailer(db).sender(QUICK, NO_POLL).start()) {
            SmtpMailer mailer = mailer(db);

            try {
                db.txRun(dsl -> {
                    mailer.queue(mail("bob@example.org", "rolled back"), settings(port));
                    assertThat(dsl.fetchCount(MailTables.MailQueueRows.T)).as("written in this transaction").isOne();
                    throw new IllegalStateException("the enrollment failed");
                });
            } catch (IllegalStateException expected) {
                // the caller's transaction rolled back, and the queued mail with it
            }
            assertThat(rows(db)).isEmpty();

            db.txRun(dsl -> {
                mailer.queue(mail("carol@example.org", "committed"), settings(port));
                int seenElsewhere = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> db.dsl().fetchCount(MailTables.MailQueueRows.T)).join(); // another thread: another connection
                assertThat(seenElsewhere).as("not visible to others before the commit").isZero();
            });

            Eventually.within(SOON, "the committed message arrives", () -> smtp.getReceivedMessages().length == 1);
            Thread.sleep(300);
            assertThat(receivedSubjects()).containsExactly("committed");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aMessageQueuedWhileSmtpIsDownIsRetriedAndSentOnceItIsBack(String kind) throws Exception {
        int port = closedPort();
        try (Database db = TestDatabases.open(kind);
             MailSender sender = mailer(db).sender(new RetrySchedule(List.of(Duration.ofMillis(300),
                     Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))), NO_POLL).start()) {
            mailer(db).queue(mail("bob@example.org", "while down"), settings(port));

            Eventually.within(SOON, "a first try failed", () -> rows(db).stream().anyMatch(r -> r.attempts() >= 1
                    && r.status().equals(MailQueue.QUEUED) && r.lastError() != null));
            MailQueue.Row failedOnce = rows(db).getFirst();
            assertThat(failedOnce.lastError())
                    .isEqualTo("connection refused by smtp host 127.0.0.1:" + port + " (EMAIL__HOST/EMAIL__PORT)");
            assertThat(failedOnce.nextAttempt()).isAfter(Instant.now().minusSeconds(1));

            startSmtp(port);

            Eventually.within(SOON, "the message arrives", () -> smtp.getReceivedMessages().length == 1);
            Eventually.within(SOON, "the row is gone", () -> rows(db).isEmpty());
            assertThat(events(db, "email_sent")).hasSize(1);
            assertThat(events(db, MailEvents.FAILED)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aNewSenderSendsWhatAnEarlierProcessLeftQueuedOrHalfSent(String kind) {
        int port = startSmtp(0);
        try (Database db = TestDatabases.open(kind)) {
            SmtpMailer before = mailer(db);
            before.queue(mail("bob@example.org", "left queued"), settings(port));
            before.queue(mail("carol@example.org", "left sending"), settings(port));
            // The earlier process claimed the second one and stopped mid-send: its claim has run out.
            MailQueue queue = before.queueStore();
            var left = rows(db).stream().filter(r -> r.subject().equals("left sending")).findFirst().orElseThrow();
            java.util.Optional<MailQueue.Claimed> claimed = db.tx(dsl -> queue.claim(dsl, left.id(), "crashed-process",
                    Instant.now(), Instant.now().minusSeconds(1)));
            assertThat(claimed).isPresent();
            assertThat(smtp.getReceivedMessages()).isEmpty();

            try (MailSender restarted = mailer(db).sender(QUICK, NO_POLL).start()) {
                Eventually.within(SOON, "both arrive", () -> smtp.getReceivedMessages().length == 2);
                assertThat(receivedSubjects()).containsExactlyInAnyOrder("left queued", "left sending");
                Eventually.within(SOON, "the rows are gone", () -> rows(db).isEmpty());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void afterTheLastTryTheMessageIsMarkedFailedWithAnEventAndNotTriedAgain(String kind) throws Exception {
        int port = closedPort();
        RetrySchedule twoRetries = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(200)));
        try (Database db = TestDatabases.open(kind);
             MailSender sender = mailer(db).sender(twoRetries, NO_POLL).start()) {
            mailer(db).queue(mail("bob@example.org", "never"), settings(port));

            Eventually.within(SOON, "given up", () -> rows(db).stream().anyMatch(r -> r.status().equals("failed")));
            Thread.sleep(700);
            MailQueue.Row row = rows(db).getFirst();
            assertThat(row.attempts()).isEqualTo(twoRetries.maxAttempts()).isEqualTo(3);
            assertThat(row.lastError()).startsWith("connection refused by smtp host 127.0.0.1:" + port);
            Record raw = db.dsl().selectFrom(MailTables.MailQueueRows.T).fetchOne();
            assertThat(raw.get(MailTables.MailQueueRows.BODY_HTML)).as("sealed bodies erased").isEmpty();
            assertThat(raw.get(MailTables.MailQueueRows.SMTP_PASSWORD)).isEmpty();

            List<Map<String, Object>> failed = events(db, MailEvents.FAILED);
            assertThat(failed).hasSize(1);
            assertThat(failed.getFirst()).containsEntry("to_email", List.of("bob@example.org"))
                    .containsEntry("subject", "never").containsEntry("attempts", 3)
                    .containsEntry("reason", row.lastError());
            assertThat(events(db, "email_sent")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void bodiesAndPasswordAreSealedAtRest(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            mailer(db).queue(mail("bob@example.org", "sealed"), settings(25));

            Record raw = db.dsl().selectFrom(MailTables.MailQueueRows.T).fetchOne();
            for (var column : List.of(MailTables.MailQueueRows.BODY_HTML, MailTables.MailQueueRows.BODY_TEXT,
                    MailTables.MailQueueRows.SMTP_PASSWORD)) {
                assertThat(raw.get(column)).startsWith("v1:").doesNotContain("TOKEN").doesNotContain("Smtp-Secret-99");
            }
            assertThat(raw.get(MailTables.MailQueueRows.RECIPIENT)).isEqualTo("bob@example.org");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deliverNowRecordsTheSendAndWritesNothingOnFailure(String kind) throws Exception {
        int port = startSmtp(0);
        try (Database db = TestDatabases.open(kind)) {
            SmtpMailer mailer = mailer(db);

            assertThat(mailer.deliverNow(mail("bob@example.org", "now"), settings(port))).isEqualTo(new Delivery.Sent());
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(events(db, "email_sent")).hasSize(1);

            Delivery failed = mailer.deliverNow(mail("bob@example.org", "down"), settings(closedPort()));
            assertThat(failed).isInstanceOf(Delivery.Failed.class);
            assertThat(events(db, "email_sent")).hasSize(1);
            assertThat(events(db, MailEvents.FAILED)).isEmpty();
            assertThat(rows(db)).isEmpty();

            mailer.recordFailure(mail("bob@example.org", "down"), ((Delivery.Failed) failed).reason());
            List<Map<String, Object>> recorded = events(db, MailEvents.FAILED);
            assertThat(recorded).hasSize(1);
            assertThat(recorded.getFirst()).containsEntry("reason", ((Delivery.Failed) failed).reason())
                    .containsEntry("to_email", List.of("bob@example.org"));
        }
    }

    /** Two processes of a cluster on one PostgreSQL, each with its sender: every message goes out once. */
    @Test
    void twoProcessesOnOnePostgresSendEachMessageOnce() throws Exception {
        int port = startSmtp(0);
        String name = TestDatabases.newPostgresDatabase();
        try (Database first = TestDatabases.openPostgres(name)) {
            first.migrate();
            try (Database second = TestDatabases.openPostgres(name);
                 MailSender a = mailer(first).sender(QUICK, NO_POLL).start();
                 MailSender b = mailer(second).sender(QUICK, NO_POLL).start()) {
                SmtpMailer mailer = mailer(first);
                Eventually.within(SOON, "the second process listens", () -> second.changes().listening());

                List<String> subjects = IntStream.range(0, 12).mapToObj(i -> "message " + i).toList();
                first.txRun(dsl -> subjects.forEach(s -> mailer.queue(mail("bob@example.org", s), settings(port))));

                Eventually.within(SOON, "all arrive", () -> smtp.getReceivedMessages().length >= subjects.size());
                Eventually.within(SOON, "the rows are gone", () -> rows(first).isEmpty());
                Thread.sleep(500);
                assertThat(smtp.getReceivedMessages()).hasSize(subjects.size());
                assertThat(receivedSubjects()).containsExactlyInAnyOrderElementsOf(subjects);
                assertThat(events(first, "email_sent")).hasSize(subjects.size());
            }
        }
    }
}

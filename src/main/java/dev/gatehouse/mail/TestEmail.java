package dev.gatehouse.mail;

/** The message {@code gatehouse test_email} sends. */
public final class TestEmail {
    public static final String SUBJECT = "Gatehouse Test-Email";

    private TestEmail() {
    }

    public static OutgoingMail to(String recipient) {
        String text = "This is a test email from Gatehouse.\n\nIt arrived, so the EMAIL__* settings work.\n";
        String html = "<!DOCTYPE html><html><body><p>This is a test email from Gatehouse.</p>"
                + "<p>It arrived, so the <code>EMAIL__*</code> settings work.</p></body></html>";
        return new OutgoingMail(recipient, SUBJECT, html, text);
    }
}

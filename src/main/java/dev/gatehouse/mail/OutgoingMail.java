package dev.gatehouse.mail;

/** One message to send: a single recipient, a subject, an HTML body and its plain-text alternative. */
public record OutgoingMail(String to, String subject, String html, String text) {
}

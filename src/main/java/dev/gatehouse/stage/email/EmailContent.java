package dev.gatehouse.stage.email;

/**
 * What an email template is given: the brand's title, the link that resumes the flow, who it is for, and when the
 * link expires (as text, in UTC).
 */
public record EmailContent(String brand, String url, String userName, String username, String userEmail,
                           String expires) {
}

package dev.gatehouse.stage.consent;

/** The answer to {@code ak-stage-consent}: the challenge's token, and {@code deny} to decline. */
public record ConsentResponse(String token, Boolean deny) {
}

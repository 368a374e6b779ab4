package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signed OAuth state of a forward-auth sign-in. */
class SignInStateTest {
    private final SignInState states = new SignInState("secret-one");
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aStateIssuedHereReadsBackWithinItsLifetimeOnly() {
        String value = states.issue(42, "https://app.example.org/a?b=c\nd", "challenge", now);
        SignInState.State s = states.verify(value, now.plusSeconds(30)).orElseThrow();
        assertThat(s.provider()).isEqualTo(42);
        assertThat(s.returnTo()).isEqualTo("https://app.example.org/a?b=c\nd");
        assertThat(s.challenge()).isEqualTo("challenge");
        assertThat(states.verify(value, now.plus(SignInState.VALIDITY).plusSeconds(1))).isEmpty();
        assertThat(states.verify(value, now.minusSeconds(60))).as("issued in the future").isEmpty();
    }

    @Test
    void aChangedOrForeignStateIsRefused() {
        String value = states.issue(42, "https://app.example.org/", "challenge", now);
        String payload = value.substring(0, value.indexOf('.'));
        String other = new SignInState("secret-two").issue(42, "https://evil.example/", "challenge", now);
        assertThat(states.verify(other, now)).as("another server's key").isEmpty();
        assertThat(states.verify(other.substring(0, other.indexOf('.')) + value.substring(value.indexOf('.')), now))
                .as("another payload under this signature").isEmpty();
        assertThat(states.verify(payload, now)).isEmpty();
        assertThat(states.verify(payload + ".", now)).isEmpty();
        assertThat(states.verify(null, now)).isEmpty();
    }

    @Test
    void theChallengeIsRfc7636S256() {
        // RFC 7636 Appendix B
        assertThat(SignInState.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}

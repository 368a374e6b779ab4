package dev.gatehouse.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.webauthn.WebAuthnAssertion.Result.Refused;
import dev.gatehouse.webauthn.WebAuthnAssertion.Result.Verified;
import dev.gatehouse.webauthn.WebAuthnRegistration.Result.Registered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registration and authentication ceremonies against a software authenticator (ES256, attestation none or
 * packed): what is accepted and what is refused (origin, RP id, challenge, replay, expiry, counter, duplicate
 * credential, user verification, user handle).
 */
class WebAuthnCeremonyTest {
    private static final RelyingParty RP = RelyingParty.of("localhost:9000", false, "Gatehouse").orElseThrow();
    private static final String ORIGIN = "http://localhost:9000";
    private static final WebAuthnRegistration.Settings UV_REQUIRED =
            new WebAuthnRegistration.Settings("required", "required", null);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final WebAuthnRegistration registration = new WebAuthnRegistration(clock);
    private final WebAuthnAssertion assertion = new WebAuthnAssertion(clock);
    private Database db;
    private WebAuthnDeviceStore devices;
    private UserStore users;
    private User alice;
    private User bob;

    @BeforeEach
    void open() {
        db = TestDatabases.open("h2");
        devices = new WebAuthnDeviceStore(db.dsl());
        users = new UserStore(db.dsl());
        alice = users.insert("alice", "Alice A.", "", "!x", true, UserType.INTERNAL, "users", Map.of());
        bob = users.insert("bob", "", "", "!x", true, UserType.INTERNAL, "users", Map.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private WebAuthnDevice register(FlowContext ctx, User user, SoftwareAuthenticator key) {
        Map<String, Object> options = registration.options(ctx, RP, user, devices.byUser(user.pk()), UV_REQUIRED);
        WebAuthnRegistration.Result r = registration.verify(ctx, RP, user, key.create(options, ORIGIN, "none"),
                UV_REQUIRED, "My key", devices);
        assertThat(r).isInstanceOf(Registered.class);
        return ((Registered) r).device();
    }

    private WebAuthnAssertion.Result login(FlowContext ctx, SoftwareAuthenticator key, User expected) {
        Map<String, Object> options = assertion.options(ctx, RP, List.of(), "required");
        return assertion.verify(ctx, RP, key.get(options, ORIGIN), expected, "required", devices, users);
    }

    @Test
    void creationOptionsHaveTheStandardShape() {
        FlowContext ctx = new FlowContext();
        WebAuthnDevice existing = register(ctx, alice, new SoftwareAuthenticator());
        Map<String, Object> o = registration.options(ctx, RP, alice, devices.byUser(alice.pk()),
                new WebAuthnRegistration.Settings("discouraged", "preferred", "cross-platform"));
        assertThat((String) o.get("challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(o.get("rp")).isEqualTo(Map.of("id", "localhost", "name", "Gatehouse"));
        assertThat(o.get("user")).isEqualTo(Map.of("id", WebAuthnSupport.b64(WebAuthnSupport.userHandle(alice)),
                "name", "alice", "displayName", "Alice A."));
        assertThat(((List<?>) o.get("pubKeyCredParams")).stream().map(p -> ((Map<?, ?>) p).get("alg")).toList())
                .isEqualTo(List.of(-7L, -257L, -8L));
        assertThat(o.get("attestation")).isEqualTo("none");
        assertThat(o.get("authenticatorSelection")).isEqualTo(Map.of("authenticatorAttachment", "cross-platform",
                "residentKey", "preferred", "requireResidentKey", false, "userVerification", "discouraged"));
        assertThat(o.get("excludeCredentials")).isEqualTo(List.of(Map.of("type", "public-key",
                "id", existing.credentialId(), "transports", List.of("internal"))));
        Map<String, Object> again = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        assertThat(again.get("challenge")).as("a fresh challenge each time").isNotEqualTo(o.get("challenge"));
    }

    @Test
    void registrationStoresTheCredentialAndItSignsIn() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        WebAuthnDevice d = register(ctx, alice, key);
        assertThat(d.user()).isEqualTo(alice.pk());
        assertThat(d.credentialId()).isEqualTo(key.credentialIdB64());
        assertThat(d.aaguid()).isEqualTo(SoftwareAuthenticator.AAGUID_.getValue().toString());
        assertThat(d.rpId()).isEqualTo("localhost");
        assertThat(d.transports()).containsExactly("internal");
        assertThat(d.uvInitialized()).isTrue();
        assertThat(d.confirmed()).isTrue();
        assertThat(d.name()).isEqualTo("My key");
        assertThat(d.lastUsed()).isNull();

        clock.now = clock.now.plusSeconds(30);
        WebAuthnAssertion.Result r = login(ctx, key, null);
        assertThat(r).isInstanceOf(Verified.class);
        Verified v = (Verified) r;
        assertThat(v.user().username()).isEqualTo("alice");
        assertThat(v.userVerified()).isTrue();
        assertThat(v.device().signCount()).isEqualTo(1);
        assertThat(v.device().lastUsed()).isEqualTo(clock.now);
        assertThat(login(ctx, key, alice)).as("for the expected user too").isInstanceOf(Verified.class);
        assertThat(devices.byPk(d.pk()).orElseThrow().signCount()).isEqualTo(2);
    }

    @Test
    void packedSelfAttestationIsAccepted() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        Map<String, Object> options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        assertThat(registration.verify(ctx, RP, alice, key.create(options, ORIGIN, "packed"), UV_REQUIRED, "k", devices))
                .isInstanceOf(Registered.class);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
    }

    @Test
    void registrationFromAnotherOriginOrForAnotherRpIsRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        Map<String, Object> options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        assertThat(registration.verify(ctx, RP, alice, key.create(options, "http://evil.example:9000", "none"),
                UV_REQUIRED, "k", devices)).isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.INVALID));

        options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        Map<String, Object> otherRp = new java.util.LinkedHashMap<>(options);
        otherRp.put("rp", Map.of("id", "evil.example", "name", "x"));
        assertThat(registration.verify(ctx, RP, alice, key.create(otherRp, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.INVALID));

        options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        RelyingParty otherHost = RelyingParty.of("auth.example.com", true, "x").orElseThrow();
        assertThat(registration.verify(ctx, otherHost, alice, key.create(options, ORIGIN, "none"), UV_REQUIRED, "k",
                devices)).as("the challenge was issued for another RP").isInstanceOf(WebAuthnRegistration.Result.Refused.class);
        assertThat(devices.byUser(alice.pk())).isEmpty();
    }

    @Test
    void registrationWithAWrongReplayedOrExpiredChallengeIsRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        Map<String, Object> options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        Map<String, Object> forged = new java.util.LinkedHashMap<>(options);
        forged.put("challenge", SoftwareAuthenticator.b64(new byte[32]));
        assertThat(registration.verify(ctx, RP, alice, key.create(forged, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.INVALID));
        // the failed attempt used the challenge up: the right answer to it is refused now
        assertThat(registration.verify(ctx, RP, alice, key.create(options, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.EXPIRED));

        options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        clock.now = clock.now.plus(WebAuthnChallenges.TTL).plusSeconds(1);
        assertThat(registration.verify(ctx, RP, alice, key.create(options, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.EXPIRED));
        assertThat(devices.byUser(alice.pk())).isEmpty();
    }

    @Test
    void aCredentialIdRegisteredOnceCannotBeRegisteredAgainByAnyone() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        register(ctx, alice, key);
        Map<String, Object> options = registration.options(ctx, RP, bob, List.of(), UV_REQUIRED);
        assertThat(registration.verify(ctx, RP, bob, key.create(options, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.DUPLICATE));
        assertThat(devices.byUser(bob.pk())).isEmpty();
        assertThat(devices.byCredentialId(key.credentialIdB64()).orElseThrow().user()).isEqualTo(alice.pk());
    }

    @Test
    void userVerificationRequiredButNotDoneIsRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        key.userVerified = false;
        Map<String, Object> options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        assertThat(registration.verify(ctx, RP, alice, key.create(options, ORIGIN, "none"), UV_REQUIRED, "k", devices))
                .isInstanceOf(WebAuthnRegistration.Result.Refused.class);
        WebAuthnRegistration.Settings preferred = new WebAuthnRegistration.Settings("preferred", "preferred", null);
        options = registration.options(ctx, RP, alice, List.of(), preferred);
        assertThat(registration.verify(ctx, RP, alice, key.create(options, ORIGIN, "none"), preferred, "k", devices))
                .isInstanceOf(Registered.class);
        assertThat(login(ctx, key, null)).as("passkey sign-in requires user verification").isInstanceOf(Refused.class);
        Map<String, Object> get = assertion.options(ctx, RP, devices.byUser(alice.pk()), "preferred");
        assertThat(assertion.verify(ctx, RP, key.get(get, ORIGIN), alice, "preferred", devices, users))
                .isInstanceOf(Verified.class);
    }

    @Test
    void assertionsFromAnotherOriginOrRpOrWithAWrongChallengeAreRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        register(ctx, alice, key);
        Map<String, Object> options = assertion.options(ctx, RP, List.of(), "required");
        assertThat(assertion.verify(ctx, RP, key.get(options, "https://evil.example"), null, "required", devices, users))
                .isInstanceOf(Refused.class);
        options = assertion.options(ctx, RP, List.of(), "required");
        assertThat(assertion.verify(ctx, RP, key.get(options, ORIGIN, "evil.example"), null, "required", devices, users))
                .isInstanceOf(Refused.class);
        options = assertion.options(ctx, RP, List.of(), "required");
        Map<String, Object> forged = new java.util.LinkedHashMap<>(options);
        forged.put("challenge", SoftwareAuthenticator.b64(new byte[32]));
        assertThat(assertion.verify(ctx, RP, key.get(forged, ORIGIN), null, "required", devices, users))
                .isInstanceOf(Refused.class);
        assertThat(assertion.verify(ctx, RP, "{not json", null, "required", devices, users)).isInstanceOf(Refused.class);
        assertion.options(ctx, RP, List.of(), "required");
        assertThat(assertion.verify(ctx, RP, "{\"id\":\"x\",\"type\":\"public-key\"}", null, "required", devices,
                users)).as("members missing").isEqualTo(new Refused("malformed credential", null));
        options = registration.options(ctx, RP, alice, List.of(), UV_REQUIRED);
        assertThat(registration.verify(ctx, RP, alice, Map.of("id", "x"), UV_REQUIRED, "k", devices))
                .isEqualTo(new WebAuthnRegistration.Result.Refused(WebAuthnRegistration.INVALID));
        assertThat(devices.byUser(alice.pk()).getFirst().lastUsed()).as("nothing recorded").isNull();
    }

    @Test
    void aReplayedAssertionIsRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        register(ctx, alice, key);
        Map<String, Object> options = assertion.options(ctx, RP, List.of(), "required");
        String answer = key.get(options, ORIGIN);
        assertThat(assertion.verify(ctx, RP, answer, null, "required", devices, users)).isInstanceOf(Verified.class);
        assertThat(assertion.verify(ctx, RP, answer, null, "required", devices, users))
                .as("the challenge is used up").isEqualTo(new Refused("no pending challenge", null));
        // even with a new challenge pending, the old answer does not fit it
        assertion.options(ctx, RP, List.of(), "required");
        assertThat(assertion.verify(ctx, RP, answer, null, "required", devices, users)).isInstanceOf(Refused.class);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        options = assertion.options(ctx, RP, List.of(), "required");
        String late = key.get(options, ORIGIN);
        clock.now = clock.now.plus(WebAuthnChallenges.TTL);
        assertThat(assertion.verify(ctx, RP, late, null, "required", devices, users))
                .as("expired").isEqualTo(new Refused("no pending challenge", null));
    }

    @Test
    void aSignatureCounterThatDoesNotGrowIsRefused() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        WebAuthnDevice d = register(ctx, alice, key);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
        key.counter = 0; // a cloned authenticator: its next counter (1) is below the stored one (2)
        WebAuthnAssertion.Result r = login(ctx, key, null);
        assertThat(r).isInstanceOf(Refused.class);
        assertThat(((Refused) r).reason()).contains("MaliciousCounterValue");
        assertThat(((Refused) r).device().pk()).isEqualTo(d.pk());
        key.counter = 1; // equal to the stored value: refused too
        assertThat(login(ctx, key, null)).isInstanceOf(Refused.class);
        assertThat(devices.byPk(d.pk()).orElseThrow().signCount()).isEqualTo(2);
    }

    @Test
    void anAuthenticatorWithoutACounterKeepsWorking() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        key.step = 0;
        register(ctx, alice, key);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
    }

    @Test
    void theCredentialMustBelongToTheExpectedUserAndMatchTheUserHandle() {
        FlowContext ctx = new FlowContext();
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        register(ctx, alice, key);
        assertThat(login(ctx, key, bob)).isInstanceOf(Refused.class);
        key.userHandle = WebAuthnSupport.userHandle(bob);
        assertThat(login(ctx, key, null)).isEqualTo(new Refused("user handle does not match",
                devices.byCredentialId(key.credentialIdB64()).orElseThrow()));
        key.userHandle = WebAuthnSupport.userHandle(alice);
        assertThat(login(ctx, key, null)).isInstanceOf(Verified.class);
        SoftwareAuthenticator unknown = new SoftwareAuthenticator();
        unknown.userHandle = WebAuthnSupport.userHandle(alice);
        assertThat(login(ctx, unknown, null)).as("an unknown credential").isEqualTo(new Refused("unknown credential", null));
    }
}

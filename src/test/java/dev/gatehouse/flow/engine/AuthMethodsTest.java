package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The amr values (RFC 8176) a plan's recorded sign-in amounts to. */
class AuthMethodsTest {

    @Test
    void nothingRecordedIsNoAmr() {
        assertThat(AuthMethods.amr(new FlowContext())).isEmpty();
    }

    @Test
    void passwordAloneIsPwd() {
        FlowContext c = new FlowContext();
        c.put(FlowKeys.AUTH_METHOD, AuthMethods.PASSWORD);
        c.put(FlowKeys.AUTH_METHOD_ARGS, Map.of());
        assertThat(AuthMethods.amr(c)).containsExactly("pwd");
    }

    @Test
    void passwordThenACodeDeviceIsPwdOtpMfaAndTwoCodeDevicesAreStillOneFactor() {
        FlowContext c = new FlowContext();
        c.put(FlowKeys.AUTH_METHOD, AuthMethods.PASSWORD);
        AuthMethods.deviceValidated(c, "totp", 1, "Phone", "otp");
        assertThat(AuthMethods.amr(c)).containsExactly("pwd", "otp", "mfa");
        assertThat(c.get(FlowKeys.AUTH_METHOD)).contains(AuthMethods.PASSWORD);

        FlowContext codesOnly = new FlowContext();
        AuthMethods.deviceValidated(codesOnly, "totp", 1, "Phone", "otp");
        AuthMethods.deviceValidated(codesOnly, "static", 2, "Codes", "otp");
        assertThat(codesOnly.get(FlowKeys.AUTH_METHOD)).contains(AuthMethods.MFA);
        assertThat(AuthMethods.amr(codesOnly)).containsExactly("otp");
    }

    @Test
    void aSecurityKeyAddsHwkAndAPasskeyLoginIsHwk() {
        FlowContext c = new FlowContext();
        c.put(FlowKeys.AUTH_METHOD, AuthMethods.PASSWORD);
        AuthMethods.deviceValidated(c, "webauthn", 3, "Key", "hwk");
        assertThat(AuthMethods.amr(c)).containsExactly("pwd", "hwk", "mfa");

        FlowContext passkey = new FlowContext();
        passkey.put(FlowKeys.AUTH_METHOD, AuthMethods.PASSKEY);
        assertThat(AuthMethods.amr(passkey)).containsExactly("hwk");
    }
}

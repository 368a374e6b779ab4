package dev.gatehouse.provider.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MFA suffix of a bind password (CONTRACT.md: {@code password;123456}). */
class BindPasswordTest {

    @Test
    void sixDigitsAfterTheLastSemicolonAreATotpCode() {
        assertThat(BindPassword.split("s3cret;123456", true)).isEqualTo(new BindPassword("s3cret", Optional.of("123456")));
        assertThat(BindPassword.split("a;b;654321", true)).isEqualTo(new BindPassword("a;b", Optional.of("654321")));
    }

    @Test
    void twelveOrEightLettersOrDigitsAreAStaticCode() {
        assertThat(BindPassword.split("pw;ab12cd34", true)).isEqualTo(new BindPassword("pw", Optional.of("ab12cd34")));
        assertThat(BindPassword.split("pw;k7m2p9q4r8s3", true))
                .isEqualTo(new BindPassword("pw", Optional.of("k7m2p9q4r8s3")));
    }

    @Test
    void anythingElseStaysPartOfThePassword() {
        for (String p : new String[] {"pass;word", "pw;12345", "pw;1234567", "pw;abcdefghijk", "pw;abcdefghijklm", "pw;", ";123456", "pw;12 456", "no-suffix"}) {
            assertThat(BindPassword.split(p, true)).as(p).isEqualTo(new BindPassword(p, Optional.empty()));
        }
    }

    @Test
    void withoutMfaSupportNothingIsSplit() {
        assertThat(BindPassword.split("s3cret;123456", false)).isEqualTo(new BindPassword("s3cret;123456", Optional.empty()));
    }

    @Test
    void theValidateStageIsAnsweredWithTheCodeOnlyWhenThereIsOne() {
        var challenge = new dev.gatehouse.stage.authenticator_validate.ValidateChallenge(null, List.of(), List.of(), null);
        assertThat(HeadlessFlow.answer(challenge, new HeadlessFlow.Credentials("u", BindPassword.split("pw;123456", true))))
                .contains(java.util.Map.of("code", "123456"));
        assertThat(HeadlessFlow.answer(challenge, new HeadlessFlow.Credentials("u", BindPassword.split("pw", true)))).isEmpty();
    }
}

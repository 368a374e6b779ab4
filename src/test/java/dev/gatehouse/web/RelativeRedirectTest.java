package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code next=} is followed only when it is a path on this site (CONTRACT.md "fix": no open redirect). */
class RelativeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/if/user/", "/if/flow/default-authentication-flow/?next=%2F",
            "/application/o/authorize/?client_id=a&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "/a//b", "/#x",
            "/path/with/ünïcode"})
    void checkWhenPathOnThisSiteThenAcceptedUnchanged(String next) {
        assertThat(RelativeRedirect.check(next)).contains(next);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"https://evil.example/", "http://evil.example", "//evil.example/", "///evil.example",
            "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "javascript:alert(1)", "evil.example/path",
            "if/user/", " /if/user/", "/\t/evil.example", "/\n/evil.example", "/if/user/\r\nSet-Cookie: x=1",
            "/a\\b", "/\u007f", "HTTPS://evil.example"})
    void checkWhenAbsoluteProtocolRelativeOrControlCharactersThenRefused(String next) {
        assertThat(RelativeRedirect.check(next)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"next=%2Fif%2Fuser%2F", "a=1&next=%2Fif%2Fuser%2F", "next=/if/user/&b=2"})
    void nextFromWhenRelativeThenDecoded(String query) {
        assertThat(FlowQuery.next(query)).contains("/if/user/");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"next=https%3A%2F%2Fevil.example%2F", "next=%2F%2Fevil.example", "next=%2F%5Cevil.example",
            "next=", "nextx=%2Fif%2F", "redirect=%2Fif%2Fuser%2F"})
    void nextFromWhenMissingOrRefusedThenEmpty(String query) {
        assertThat(FlowQuery.next(query)).isEmpty();
    }
}

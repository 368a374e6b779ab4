package dev.gatehouse.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.provider.oauth2.RedirectUri;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The origin a redirect URI gives an application's tile; regex entries only when they are plain URLs. */
class LaunchUrlsTest {
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "strict, https://app.example.org/oauth/callback, https://app.example.org",
            "strict, http://localhost:8080/cb?x=1, http://localhost:8080",
            "strict, https://app.example.org, https://app.example.org",
            "regex, https://plain.example.org/cb, https://plain.example.org",
            "regex, https://.*\\.example\\.org/cb, none",
            "regex, ^https://app\\.example\\.org/.*$, none",
            "regex, https://(a|b).example.org/cb, none",
            "strict, myapp://callback, none",
            "strict, /relative/cb, none"})
    void originOfARedirectUri(String mode, String url, String origin) {
        assertThat(LaunchUrls.origin(new RedirectUri(mode, url, "authorization")).orElse(null)).isEqualTo(origin);
    }
}

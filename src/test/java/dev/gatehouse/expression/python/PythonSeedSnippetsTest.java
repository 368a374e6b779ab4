package dev.gatehouse.expression.python;

import static dev.gatehouse.expression.python.PythonFixtures.compile;
import static dev.gatehouse.expression.python.PythonFixtures.group;
import static dev.gatehouse.expression.python.PythonFixtures.request;
import static dev.gatehouse.expression.python.PythonFixtures.user;
import static dev.gatehouse.expression.python.PythonFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionLanguage;
import dev.gatehouse.expression.ExpressionResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The three authentik Python snippets of the seed pages, with the seed files' exact text: only the line breaks
 * and indentation those pages lost are restored (src/test/resources/seeds/*.py). Each test first proves that
 * taking the restoration away again gives the seed's text.
 */
class PythonSeedSnippetsTest {
    private static final String SEED_000 = "000_657be2b6afe041be.txt";
    private static final String SEED_004 = "004_f73a76cc3c58b9d0.txt";

    private static String resource(String name) throws IOException {
        try (InputStream in = PythonSeedSnippetsTest.class.getResourceAsStream("/seeds/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The seed file next to the repository (../shared/seeds) when there, else the copy in the test resources. */
    private static String seed(String name) throws IOException {
        Path shared = Path.of("..", "shared", "seeds", name);
        return Files.exists(shared) ? Files.readString(shared) : resource(name);
    }

    /** The snippet with its indentation taken away and its lines joined with {@code separator}. */
    private static String flattened(String snippet, String separator) {
        return snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(separator));
    }

    private static String snippet(String resource, String seed, String separator) throws IOException {
        String source = resource(resource);
        String flat = flattened(source, separator);
        assertThat(seed(seed)).as("the seed holds the snippet's text").contains(flat);
        assertThat(ExpressionLanguage.detect(source)).isEqualTo(ExpressionLanguage.PYTHON);
        return source;
    }

    // ---- Geo-IP rule (seed 000, one line there)

    private static ExpressionResult geoip(String ip, Map<String, Object> geoip) throws Exception {
        CompiledExpression policy = compile(ExpressionKind.POLICY, snippet("geoip_policy.py", SEED_000, " "));
        Map<String, Object> flow = new LinkedHashMap<>();
        if (geoip != null) {
            flow.put("geoip", geoip);
        }
        return policy.evaluate(request(ip, "Mozilla/5.0").flowContext(flow).build());
    }

    private static Map<String, Object> city(String country) {
        return Map.of("continent", "EU", "country", country, "lat", 46.9, "long", 7.4, "city", "Bern");
    }

    @Test
    void geoipWhenLocalNetworkThenPasses() throws Exception {
        assertThat(geoip("192.168.1.5", null)).isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void geoipWhenSwitzerlandThenPasses() throws Exception {
        assertThat(geoip("193.5.216.10", city("CH"))).isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void geoipWhenGermanyThenFailsWithMessage() throws Exception {
        assertThat(geoip("194.25.0.1", city("DE"))).isEqualTo(new ExpressionResult.Value(false,
                List.of("Access denied from your current location.")));
    }

    @Test
    void geoipWhenNoGeoipDataThenFails() throws Exception {
        assertThat(geoip("194.25.0.1", null)).isEqualTo(new ExpressionResult.Value(false,
                List.of("Access denied from your current location.")));
    }

    @Test
    void geoipCountryIsAStringAndAMaxMindRecord() throws Exception {
        CompiledExpression e = compile(ExpressionKind.POLICY, """
                g = context['geoip']
                return (g['country'] == 'CH' and g['country']['iso_code'] == 'CH' and g['country'].get('iso_code') == 'CH'
                        and g['continent']['code'] == 'EU' and g['city']['names']['en'] == 'Bern'
                        and g['country'].lower() == 'ch' and f"{g['country']}" == 'CH' and 'C' in g['country'])
                """);
        assertThat(value(e.evaluate(request("193.5.216.10", null).flowContext(Map.of("geoip", city("CH"))).build())))
                .isEqualTo(true);
    }

    // ---- user-agent rule (seed 000, lines kept, indentation lost)

    private static ExpressionResult userAgent(String ua) throws Exception {
        CompiledExpression policy = compile(ExpressionKind.POLICY, snippet("user_agent_policy.py", SEED_000, "\n"));
        return policy.evaluate(request("192.0.2.7", ua).build());
    }

    @Test
    void userAgentWhenFirefoxOnLinuxThenPasses() throws Exception {
        assertThat(userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"))
                .isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void userAgentWhenChromeOnWindowsThenFailsWithMessage() throws Exception {
        assertThat(userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36")).isEqualTo(new ExpressionResult.Value(false,
                List.of("Please use the approved family browser configuration for this service.")));
    }

    @Test
    void userAgentWhenFirefoxOnWindowsOrNoHeaderThenFails() throws Exception {
        assertThat(value(userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")))
                .isEqualTo(false);
        assertThat(value(userAgent(null))).isEqualTo(false);
    }

    // ---- Nextcloud Profile mapping (seed 004, one line there)

    private static Map<String, Object> nextcloud(User u, UserGroups groups) throws Exception {
        CompiledExpression mapping = compile(ExpressionKind.MAPPING,
                snippet("nextcloud_profile_mapping.py", SEED_004, " "));
        ExpressionContext c = ExpressionContext.builder().user(u, groups).provider(Map.of("name", "Nextcloud"))
                .token(Map.of("scope", "openid profile")).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) value(mapping.evaluate(c));
        return claims;
    }

    @Test
    void nextcloudWhenAdminMemberThenAdminGroupQuotaAndUserIdAttribute() throws Exception {
        Group admins = group("nextcloud Admins", Map.of("nextcloud_quota", "10 GB"));
        User alice = user("alice", "Alice Liddell", Map.of("nextcloud_user_id", "alice.nc"));
        assertThat(nextcloud(alice, new UserGroups(List.of(admins), List.of(admins))))
                .containsExactly(Map.entry("name", "Alice Liddell"), Map.entry("groups", List.of("admin")),
                        Map.entry("quota", "10 GB"), Map.entry("user_id", "alice.nc"));
    }

    @Test
    void nextcloudWhenNotMemberThenNoGroupsNoQuotaAndUsername() throws Exception {
        Group users = group("nextcloud Users", Map.of());
        User bob = user("bob", "Bob", Map.of());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Bob");
        expected.put("groups", List.of());
        expected.put("quota", null);
        expected.put("user_id", "bob");
        assertThat(nextcloud(bob, new UserGroups(List.of(users), List.of(users)))).isEqualTo(expected);
    }

    @Test
    void nextcloudQuotaComesFromTheUsersGroupAttributes() throws Exception {
        Group users = group("nextcloud Users", Map.of("nextcloud_quota", "5 GB"));
        User carol = user("carol", "Carol", Map.of());
        assertThat(nextcloud(carol, new UserGroups(List.of(users), List.of(users))))
                .containsEntry("quota", "5 GB").containsEntry("groups", List.of()).containsEntry("user_id", "carol");
    }
}

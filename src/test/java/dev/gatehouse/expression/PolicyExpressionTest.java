package dev.gatehouse.expression;

import static dev.gatehouse.expression.Fixtures.group;
import static dev.gatehouse.expression.Fixtures.user;
import static dev.gatehouse.expression.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy expressions evaluated over contexts built by hand. */
class PolicyExpressionTest {
    private static final Group GRANDPARENT = group("staff", Map.of());
    private static final Group PARENT = group("engineering", Map.of(), GRANDPARENT);
    private static final Group CHILD = group("backend", Map.of(), PARENT);
    private static final User ALICE = user("alice", "Alice", Map.of("level", 3, "allowed", true, "tag", "x"));
    private static final UserGroups ALICE_GROUPS = new UserGroups(List.of(CHILD), List.of(GRANDPARENT, PARENT, CHILD));

    private static ExpressionResult run(String source, ExpressionContext context) throws ExpressionException {
        return ExpressionCompiler.standard().compile(ExpressionKind.POLICY, source).evaluate(context);
    }

    private static ExpressionContext alice() {
        return ExpressionContext.builder().user(ALICE, ALICE_GROUPS).http("10.1.2.3", "id.example.com", "/if/flow/x/",
                "curl/8").build();
    }

    @Test
    void evaluateWhenTrueOrFalseThenThatValueWithoutMessages() throws Exception {
        assertThat(run("user.username == 'alice' && user.attributes.level >= 3", alice()))
                .isEqualTo(new ExpressionResult.Value(true, List.of()));
        assertThat(run("request.user.attributes.level > 3", alice()))
                .isEqualTo(new ExpressionResult.Value(false, List.of()));
        assertThat(run("user.attributes.allowed", alice())).isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void evaluateWhenAkMessageThenMessagesInOrderAndChainable() throws Exception {
        assertThat(run("ak_message('first') && ak_message('second') && false", alice()))
                .isEqualTo(new ExpressionResult.Value(false, List.of("first", "second")));
        assertThat(run("user.is_active || ak_message('inactive')", alice()))
                .as("short-circuit: no message when not reached").isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void evaluateWhenGroupThroughParentThenMember() throws Exception {
        assertThat(value(run("ak_is_group_member(user, 'staff')", alice()))).isEqualTo(true);
        assertThat(value(run("ak_is_group_member(request.user, 'backend')", alice()))).isEqualTo(true);
        assertThat(value(run("ak_is_group_member(user, 'sales')", alice()))).isEqualTo(false);
        assertThat(value(run("user.groups.map(g, g.name) == ['backend']", alice())))
                .as("groups are the direct ones").isEqualTo(true);
        assertThat(value(run("user.all_groups.size() == 3 && !user.is_superuser", alice()))).isEqualTo(true);
    }

    @Test
    void evaluateWhenGroupsUnknownThenMembershipFailsRatherThanAnsweringNo() throws Exception {
        ExpressionContext noGroups = ExpressionContext.builder().user(ALICE, null).build();
        assertThat(run("ak_is_group_member(user, 'staff')", noGroups))
                .isInstanceOfSatisfying(ExpressionResult.Failure.class,
                        f -> assertThat(f.message()).contains("carries no groups"));
    }

    @Test
    void evaluateWhenNetworkCheckThenIpv4AndIpv6AndBadInputFails() throws Exception {
        assertThat(value(run("ak_is_in_network(request.http_request.client_ip, '10.0.0.0/8')", alice())))
                .isEqualTo(true);
        assertThat(value(run("ak_is_in_network(request.http_request.client_ip, '192.168.0.0/16')", alice())))
                .isEqualTo(false);
        assertThat(value(run("ak_is_in_network('2001:db8::1', '2001:db8::/32')", alice()))).isEqualTo(true);
        assertThat(value(run("ak_is_in_network('::ffff:10.0.0.1', '10.0.0.0/8')", alice()))).isEqualTo(true);
        assertThat(run("ak_is_in_network('dead', '10.0.0.0/8')", alice()))
                .as("a name is never looked up").isInstanceOfSatisfying(ExpressionResult.Failure.class,
                        f -> assertThat(f.message()).contains("\"dead\" is not an IP address"));
        assertThat(run("ak_is_in_network('10.0.0.1', '10.0.0.0/33')", alice()))
                .isInstanceOfSatisfying(ExpressionResult.Failure.class,
                        f -> assertThat(f.message()).contains("invalid prefix length"));
    }

    @Test
    void evaluateWhenAnonymousThenNotAuthenticatedAndNoAuthenticator() throws Exception {
        ExpressionContext anonymous = ExpressionContext.builder().build();
        assertThat(value(run("!request.user.is_authenticated && user.username == '' && user.pk == null",
                anonymous))).isEqualTo(true);
        assertThat(value(run("ak_is_group_member(user, 'staff')", anonymous))).isEqualTo(false);
        assertThat(value(run("ak_user_has_authenticator(user)", anonymous))).isEqualTo(false);
    }

    @Test
    void akUserHasAuthenticatorAsksTheLookupOncePerUserAndOnlyWhenCalled() throws Exception {
        List<Long> asked = new java.util.ArrayList<>();
        AuthenticatorLookup lookup = pk -> {
            asked.add(pk);
            return pk == 42;
        };
        ExpressionContext c = ExpressionContext.builder().user(ALICE, ALICE_GROUPS).authenticators(lookup).build();
        assertThat(value(run("ak_user_has_authenticator(user) && ak_user_has_authenticator(request.user)", c)))
                .isEqualTo(true);
        assertThat(asked).containsExactly(42L);
        assertThat(value(run("user.username == 'alice'", c))).isEqualTo(true);
        assertThat(asked).as("not asked when the expression does not call it").containsExactly(42L);

        ExpressionContext without = ExpressionContext.builder().user(ALICE, ALICE_GROUPS).build();
        assertThat(run("ak_user_has_authenticator(user)", without)).isInstanceOfSatisfying(ExpressionResult.Failure.class,
                f -> assertThat(f.message()).contains("ak_user_has_authenticator"));
    }

    @Test
    void evaluateWhenFlowContextThenPromptDataPendingUserAndGeoip() throws Exception {
        ExpressionContext c = ExpressionContext.builder().user(ALICE, ALICE_GROUPS)
                .flowContext(Map.of("pending_user", ALICE, "prompt_data", Map.of("email", "a@corp.example"),
                        "geoip", Map.of("country", Map.of("iso_code", "DE")), "asn", Map.of("asn", 3320)))
                .build();
        assertThat(value(run("context.prompt_data.email.endsWith('@corp.example') "
                + "&& request.context.geoip.country.iso_code == 'DE' && context.asn.asn == 3320 "
                + "&& ak_is_group_member(context.pending_user, 'staff')", c))).isEqualTo(true);
    }

    @Test
    void evaluateWhenHttpFactsThenUnderAuthentikNames() throws Exception {
        assertThat(value(run("request.http_request.host == 'id.example.com' && request.http_request.path "
                + "== '/if/flow/x/' && request.http_request.user_agent.startsWith('curl') "
                + "&& request.http_request.remote_addr == '10.1.2.3'", alice()))).isEqualTo(true);
    }

    @Test
    void evaluateWhenErrorOrWrongTypeThenFailureWithMessage() throws Exception {
        assertThat(run("user.attributes.missing == 1", alice()))
                .isInstanceOfSatisfying(ExpressionResult.Failure.class,
                        f -> assertThat(f.message()).contains("missing"));
        assertThat(run("user.attributes.tag", alice())).isInstanceOfSatisfying(ExpressionResult.Failure.class,
                f -> assertThat(f.message()).isEqualTo("The expression returned a string, not a bool."));
        assertThat(run("1 / (user.attributes.level - 3) == 1", alice()))
                .isInstanceOf(ExpressionResult.Failure.class);
    }

    @Test
    void evaluateWhenOptionalAndStringFunctionsThenAvailable() throws Exception {
        assertThat(value(run("user.attributes.?quota.orValue(5) == 5 && user.name.lowerAscii() == 'alice' "
                + "&& 'a,b'.split(',').size() == 2 && user.email.matches('^alice@')", alice()))).isEqualTo(true);
    }

    @Test
    void evaluateWhenGroupAttributesThenAncestorsFirstNearerOverrideUserOnTop() throws Exception {
        Group top = group("top", Map.of("quota", "1 GB", "tags", List.of("a"), "only_top", true));
        Group mid = group("mid", Map.of("quota", "5 GB", "tags", List.of("b")), top);
        User u = user("dora", "Dora", Map.of("tags", List.of("c"), "mine", 1));
        ExpressionContext c = ExpressionContext.builder().user(u, new UserGroups(List.of(mid), List.of(top, mid)))
                .build();
        assertThat(value(run("user.group_attributes.quota == '5 GB' && user.group_attributes.tags == ['a', 'b', 'c']"
                + " && user.group_attributes.only_top && user.group_attributes.mine == 1", c))).isEqualTo(true);
    }

    @Test
    void compileWhenReadmeExamplesThenEveryOneCompiles() throws Exception {
        List<String> examples = List.of("request.user.username == \"alice\"",
                "ak_is_group_member(request.user, \"admins\")", "user.attributes.?k.orValue(\"d\") == \"d\"",
                "user.group_attributes.?k.orValue(null) == null", "user.groups.map(g, g.name).size() == 0",
                "context.?geoip.?country.?iso_code.orValue(\"\") == \"DE\"",
                "ak_is_in_network(request.http_request.client_ip, \"10.0.0.0/8\")",
                "user.is_active || (ak_message(\"Your account is disabled.\") && false)",
                "ak_message(\"no\") && false", "user.date_joined < timestamp(\"2030-01-01T00:00:00Z\")");
        for (String source : examples) {
            assertThat(ExpressionCompiler.standard().compile(ExpressionKind.POLICY, source).source()).isEqualTo(source);
        }
        assertThat(value(run("context.?geoip.?country.?iso_code.orValue(\"\") == \"DE\"",
                ExpressionContext.builder().build()))).isEqualTo(false);
    }
}

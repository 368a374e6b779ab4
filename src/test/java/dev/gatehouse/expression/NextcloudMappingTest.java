package dev.gatehouse.expression;

import static dev.gatehouse.expression.Fixtures.group;
import static dev.gatehouse.expression.Fixtures.user;
import static dev.gatehouse.expression.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Nextcloud scope mapping, written in CEL (docs/expressions.md). */
class NextcloudMappingTest {
    static final String NEXTCLOUD = """
            {
              "name": request.user.name,
              "groups": ak_is_group_member(user, "nextcloud Admins") ? ["admin"] : [],
              "quota": user.group_attributes.?nextcloud_quota.orValue(null),
              "user_id": user.attributes.?nextcloud_user_id.orValue(user.username),
            }""";

    private static Map<String, Object> claims(User u, UserGroups groups) throws Exception {
        CompiledExpression mapping = ExpressionCompiler.standard().compile(ExpressionKind.MAPPING, NEXTCLOUD);
        ExpressionContext c = ExpressionContext.builder().user(u, groups).provider(Map.of("name", "Nextcloud Provider"))
                .token(Map.of("scope", "openid profile")).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) value(mapping.evaluate(c));
        return claims;
    }

    @Test
    void mappingWhenAdminMemberWithAttributesThenAdminGroupQuotaAndUserId() throws Exception {
        Group admins = group("nextcloud Admins", Map.of("nextcloud_quota", "10 GB"));
        User alice = user("alice", "Alice Liddell", Map.of("nextcloud_user_id", "alice.nc"));
        assertThat(claims(alice, new UserGroups(List.of(admins), List.of(admins))))
                .isEqualTo(Map.of("name", "Alice Liddell", "groups", List.of("admin"),
                        "quota", "10 GB", "user_id", "alice.nc"));
    }

    @Test
    void mappingWhenNotMemberWithoutAttributesThenNoGroupsNullQuotaAndUsername() throws Exception {
        Group users = group("nextcloud Users", Map.of());
        User bob = user("bob", "Bob", Map.of());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Bob");
        expected.put("groups", List.of());
        expected.put("quota", null);
        expected.put("user_id", "bob");
        assertThat(claims(bob, new UserGroups(List.of(users), List.of(users)))).isEqualTo(expected);
    }

    @Test
    void mappingWhenAdminsThroughParentGroupThenAdmin() throws Exception {
        Group admins = group("nextcloud Admins", Map.of("nextcloud_quota", "1 TB"));
        Group ops = group("ops", Map.of(), admins);
        User carol = user("carol", "Carol", Map.of());
        assertThat(claims(carol, new UserGroups(List.of(ops), List.of(admins, ops))))
                .containsEntry("groups", List.of("admin")).containsEntry("quota", "1 TB");
    }

    @Test
    void docsShowThisMapping() throws Exception {
        assertThat(Files.readString(Path.of("docs/expressions.md"))).contains(NEXTCLOUD);
    }
}

package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminGroupPk;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code core/users/}: create, validation errors, read, update, delete, set_password, filters and paging. */
class UsersApiTest {
    private static final String USERS = "/api/v3/core/users/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        // a fixed population for the filter tests: lt-a .. lt-e, lt-c inactive
        for (String u : List.of("lt-a", "lt-b", "lt-c", "lt-d", "lt-e")) {
            createUser(server, u);
        }
        expect(server.send("PATCH", USERS + pk("lt-c") + "/", ADMIN, obj("is_active", false)), 200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long pk(String username) {
        JsonNode r = expect(server.get(USERS + "?username=" + username, ADMIN), 200).get("results");
        assertThat(r).hasSize(1);
        return r.get(0).get("pk").asLong();
    }

    private static User stored(long pk) {
        return new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
    }

    @Test
    void createUserThen201WithObject() {
        String group = adminGroupPk(server);
        JsonNode u = expect(server.send("POST", USERS, ADMIN, obj("username", "new-user", "name", "New User",
                "email", "new@example.org", "is_active", true, "type", "external", "path", "users/imported",
                "attributes", Map.of("team", "blue", "level", 3), "groups", List.of(group))), 201);

        assertThat(u.get("pk").isIntegralNumber()).isTrue();
        assertThat(u.get("uuid").asString()).hasSize(36);
        assertThat(u.get("username").asString()).isEqualTo("new-user");
        assertThat(u.get("name").asString()).isEqualTo("New User");
        assertThat(u.get("email").asString()).isEqualTo("new@example.org");
        assertThat(u.get("type").asString()).isEqualTo("external");
        assertThat(u.get("path").asString()).isEqualTo("users/imported");
        assertThat(u.get("attributes").get("team").asString()).isEqualTo("blue");
        assertThat(u.get("attributes").get("level").asInt()).isEqualTo(3);
        assertThat(u.get("groups").get(0).asString()).isEqualTo(group);
        assertThat(u.get("is_superuser").booleanValue()).isTrue();
        assertThat(u.has("password")).isFalse();

        JsonNode again = expect(server.get(USERS + u.get("pk").asLong() + "/", ADMIN), 200);
        assertThat(again).isEqualTo(u);
        assertThat(stored(u.get("pk").asLong()).hasUsablePassword()).isFalse();
    }

    @Test
    void createUserWhenUsernameTakenThen400Username() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "lt-a", "name", "dup")), 400);
        assertThat(body.propertyNames()).containsExactly("username");
        assertThat(body.get("username").isArray()).isTrue();
        assertThat(body.get("username").get(0).asString()).isNotBlank();
    }

    @Test
    void createUserWhenUsernameMissingThen400Username() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("name", "nobody")), 400);
        assertThat(body.propertyNames()).containsExactly("username");
        assertThat(body.get("username").get(0).asString()).isEqualTo("This field is required.");
    }

    @Test
    void createUserWhenUsernameBlankThen400Username() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "  ", "name", "blank")), 400);
        assertThat(body.propertyNames()).containsExactly("username");
    }

    @Test
    void createUserWhenWrongTypesThen400NamingEachField() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "typed", "name", "Typed",
                "is_active", "yes", "attributes", List.of(1))), 400);

        assertThat(body.propertyNames()).containsExactlyInAnyOrder("is_active", "attributes");
        assertThat(body.get("is_active").get(0).asString()).isNotBlank();
        assertThat(body.get("attributes").get(0).asString()).isNotBlank();
        assertThat(expect(server.get(USERS + "?username=typed", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void createUserWhenUsernameNotStringThen400Username() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", 42, "name", "n")), 400);
        assertThat(body.has("username")).isTrue();
    }

    @Test
    void createUserWhenInvalidEnumAndGroupsThen400() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "enum", "name", "n",
                "type", "robot", "groups", List.of("not-a-uuid"), "email", "no-at-sign")), 400);
        assertThat(body.propertyNames()).contains("type", "groups");
    }

    @Test
    void createUserWhenGroupsHoldNonStringsThen400Groups() {
        for (Object groups : List.of(List.of(Map.of()), List.of(1), List.of(List.of()), "one", Map.of("a", 1))) {
            JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "g-typed", "name", "n",
                    "groups", groups)), 400);
            assertThat(body.propertyNames()).as(String.valueOf(groups)).containsExactly("groups");
        }
        assertThat(expect(server.get(USERS + "?username=g-typed", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void listUsersWhenPkOrUuidFilterMalformedThen400() {
        assertThat(expect(server.get(USERS + "?pk=abc", ADMIN), 400).has("pk")).isTrue();
        assertThat(expect(server.get(USERS + "?uuid=abc", ADMIN), 400).has("uuid")).isTrue();
    }

    @Test
    void createUserWhenMalformedJsonThen400NonFieldErrors() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, "{\"username\": \"broken\","), 400);
        assertThat(body.propertyNames()).containsExactly("non_field_errors");
        assertThat(body.get("non_field_errors").isArray()).isTrue();
        assertThat(body.get("non_field_errors").get(0).asString()).isNotBlank();
    }

    @Test
    void createUserWhenBodyIsJsonArrayThen400NonFieldErrors() {
        JsonNode body = expect(server.send("POST", USERS, ADMIN, "[{\"username\": \"arr\"}]"), 400);
        assertThat(body.propertyNames()).containsExactly("non_field_errors");
    }

    @Test
    void getUserWhenUnknownPkThen404() {
        JsonNode body = expect(server.get(USERS + "999999/", ADMIN), 404);
        assertThat(body.propertyNames()).containsExactly("detail");
        assertThat(body.get("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void getUserWhenNonNumericPkThen404() {
        assertThat(expect(server.get(USERS + "abc/", ADMIN), 404).get("detail").asString()).isEqualTo("Not found.");
        expect(server.send("PATCH", USERS + "abc/", ADMIN, obj("name", "x")), 404);
        expect(server.send("DELETE", USERS + "1.5/", ADMIN, null), 404);
    }

    @Test
    void patchUserThenOnlyGivenFieldsChange() {
        long pk = createUser(server, "patchme");
        JsonNode before = expect(server.get(USERS + pk + "/", ADMIN), 200);

        JsonNode after = expect(server.send("PATCH", USERS + pk + "/", ADMIN,
                obj("name", "Patched", "attributes", Map.of("k", "v"))), 200);

        assertThat(after.get("name").asString()).isEqualTo("Patched");
        assertThat(after.get("attributes").get("k").asString()).isEqualTo("v");
        assertThat(after.get("username").asString()).isEqualTo("patchme");
        assertThat(after.get("email")).isEqualTo(before.get("email"));
        assertThat(after.get("is_active")).isEqualTo(before.get("is_active"));
        assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200)).isEqualTo(after);
    }

    @Test
    void patchUserWhenUsernameTakenThen400AndUnchanged() {
        long pk = createUser(server, "patchdup");
        JsonNode body = expect(server.send("PATCH", USERS + pk + "/", ADMIN, obj("username", "lt-b", "name", "X")), 400);
        assertThat(body.propertyNames()).containsExactly("username");
        JsonNode u = expect(server.get(USERS + pk + "/", ADMIN), 200);
        assertThat(u.get("username").asString()).isEqualTo("patchdup");
        assertThat(u.get("name").asString()).isEqualTo("patchdup name");
    }

    @Test
    void putUserThenReplaced() {
        long pk = createUser(server, "putme");
        JsonNode after = expect(server.send("PUT", USERS + pk + "/", ADMIN, obj("username", "putme-renamed",
                "name", "Put Name", "email", "put@example.org", "is_active", false)), 200);

        assertThat(after.get("pk").asLong()).isEqualTo(pk);
        assertThat(after.get("username").asString()).isEqualTo("putme-renamed");
        assertThat(after.get("name").asString()).isEqualTo("Put Name");
        assertThat(after.get("email").asString()).isEqualTo("put@example.org");
        assertThat(after.get("is_active").booleanValue()).isFalse();
        assertThat(stored(pk).username()).isEqualTo("putme-renamed");
    }

    @Test
    void putUserWhenUsernameMissingThen400() {
        long pk = createUser(server, "putmissing");
        JsonNode body = expect(server.send("PUT", USERS + pk + "/", ADMIN, obj("name", "Only name")), 400);
        assertThat(body.has("username")).isTrue();
        assertThat(stored(pk).name()).isEqualTo("putmissing name");
    }

    @Test
    void deleteUserThen204AndGone() {
        long pk = createUser(server, "deleteme");
        var r = server.send("DELETE", USERS + pk + "/", ADMIN, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        expect(server.get(USERS + pk + "/", ADMIN), 404);
        expect(server.send("DELETE", USERS + pk + "/", ADMIN, null), 404);
        assertThat(new UserStore(server.gatehouse().database().dsl()).byPk(pk)).isEmpty();
    }

    @Test
    void setPasswordThen204AndArgon2idHashStored() {
        long pk = createUser(server, "pw-user");
        assertThat(stored(pk).hasUsablePassword()).isFalse();
        var changedBefore = stored(pk).passwordChangeDate();

        var r = server.send("POST", USERS + pk + "/set_password/", ADMIN, obj("password", "s3cret-Passw0rd"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        User u = stored(pk);
        assertThat(u.passwordHash()).startsWith("$argon2id$").doesNotContain("s3cret-Passw0rd");
        assertThat(u.hasUsablePassword()).isTrue();
        assertThat(u.passwordChangeDate()).isAfterOrEqualTo(changedBefore);
        assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200).toString()).doesNotContain("argon2");
    }

    @Test
    void setPasswordWhenMissingOrBlankThen400() {
        long pk = createUser(server, "pw-blank");
        assertThat(expect(server.send("POST", USERS + pk + "/set_password/", ADMIN, obj()), 400).has("password")).isTrue();
        assertThat(expect(server.send("POST", USERS + pk + "/set_password/", ADMIN, obj("password", "")), 400)
                .has("password")).isTrue();
        assertThat(stored(pk).hasUsablePassword()).isFalse();
    }

    @Test
    void setPasswordWhenUnknownUserThen404() {
        expect(server.send("POST", USERS + "999999/set_password/", ADMIN, obj("password", "whatever-123")), 404);
    }

    @Test
    void listUsersWhenUsernameFilterThenExactMatch() {
        JsonNode body = expect(server.get(USERS + "?username=lt-b", ADMIN), 200);
        assertThat(texts(body.get("results"), "username")).containsExactly("lt-b");
        assertThat(body.get("pagination").get("count").asInt()).isEqualTo(1);
        assertThat(expect(server.get(USERS + "?username=lt", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void listUsersWhenIsActiveFalseThenOnlyInactive() {
        JsonNode body = expect(server.get(USERS + "?is_active=false&search=lt-", ADMIN), 200);
        assertThat(texts(body.get("results"), "username")).containsExactly("lt-c");
        JsonNode active = expect(server.get(USERS + "?is_active=true&search=lt-", ADMIN), 200);
        assertThat(texts(active.get("results"), "username")).containsExactly("lt-a", "lt-b", "lt-d", "lt-e");
    }

    @Test
    void listUsersWhenFilterValueInvalidThen400() {
        JsonNode body = expect(server.get(USERS + "?is_active=maybe", ADMIN), 400);
        assertThat(body.has("is_active")).isTrue();
    }

    @Test
    void listUsersWhenSearchThenMatchesUsernameNameOrEmail() {
        JsonNode byName = expect(server.get(USERS + "?search=LT-D%20NAME", ADMIN), 200);
        assertThat(texts(byName.get("results"), "username")).containsExactly("lt-d");
        JsonNode byEmail = expect(server.get(USERS + "?search=lt-e@example", ADMIN), 200);
        assertThat(texts(byEmail.get("results"), "username")).containsExactly("lt-e");
    }

    @Test
    void listUsersWhenOrderingDescendingThenReversed() {
        JsonNode body = expect(server.get(USERS + "?search=lt-&ordering=-username", ADMIN), 200);
        assertThat(texts(body.get("results"), "username")).containsExactly("lt-e", "lt-d", "lt-c", "lt-b", "lt-a");
        JsonNode asc = expect(server.get(USERS + "?search=lt-&ordering=username", ADMIN), 200);
        assertThat(texts(asc.get("results"), "username")).containsExactly("lt-a", "lt-b", "lt-c", "lt-d", "lt-e");
    }

    @Test
    void listUsersWhenPageSize1Page2ThenSecondUserAndPagination() {
        JsonNode body = expect(server.get(USERS + "?search=lt-&ordering=username&page_size=1&page=2", ADMIN), 200);

        assertThat(texts(body.get("results"), "username")).containsExactly("lt-b");
        JsonNode p = body.get("pagination");
        assertThat(p.get("count").asInt()).isEqualTo(5);
        assertThat(p.get("current").asInt()).isEqualTo(2);
        assertThat(p.get("total_pages").asInt()).isEqualTo(5);
        assertThat(p.get("next").asInt()).isEqualTo(3);
        assertThat(p.get("previous").asInt()).isEqualTo(1);
        assertThat(p.get("start_index").asInt()).isEqualTo(2);
        assertThat(p.get("end_index").asInt()).isEqualTo(2);

        JsonNode last = expect(server.get(USERS + "?search=lt-&ordering=username&page_size=2&page=3", ADMIN), 200);
        assertThat(texts(last.get("results"), "username")).containsExactly("lt-e");
        assertThat(last.get("pagination").get("next").asInt()).isZero();
        assertThat(last.get("pagination").get("start_index").asInt()).isEqualTo(5);
        assertThat(last.get("pagination").get("end_index").asInt()).isEqualTo(5);
    }

    @Test
    void listUsersWhenPageOutOfRangeThen404() {
        assertThat(expect(server.get(USERS + "?search=lt-&page_size=1&page=6", ADMIN), 404).has("detail")).isTrue();
        expect(server.get(USERS + "?page=0", ADMIN), 404);
        expect(server.get(USERS + "?page=abc", ADMIN), 404);
    }

    @Test
    void listUsersWhenEmptyResultThenPageOneWithZeroCount() {
        JsonNode body = expect(server.get(USERS + "?username=nobody-at-all", ADMIN), 200);
        assertThat(body.get("results")).isEmpty();
        assertThat(body.get("pagination").get("count").asInt()).isZero();
        assertThat(body.get("pagination").get("total_pages").asInt()).isEqualTo(1);
        assertThat(body.get("pagination").get("start_index").asInt()).isZero();
    }

    @Test
    void usersCollectionWhenUnsupportedMethodThen405() {
        var r = server.send("DELETE", USERS, ADMIN, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET", "POST"));
    }
}

package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code core/groups/}: CRUD, membership, parents and cycle prevention, unique names. */
class GroupsApiTest {
    private static final String GROUPS = "/api/v3/core/groups/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String createGroup(String name, Object... more) {
        Object[] fields = new Object[more.length + 2];
        fields[0] = "name";
        fields[1] = name;
        System.arraycopy(more, 0, fields, 2, more.length);
        JsonNode g = expect(server.send("POST", GROUPS, ADMIN, obj(fields)), 201);
        return g.get("pk").asString();
    }

    private static JsonNode group(String pk) {
        return expect(server.get(GROUPS + pk + "/", ADMIN), 200);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void createGroupThen201AndReadable() {
        JsonNode g = expect(server.send("POST", GROUPS, ADMIN, obj("name", "engineers", "is_superuser", false,
                "attributes", Map.of("quota", 5))), 201);

        assertThat(g.get("pk").asString()).hasSize(36);
        assertThat(g.get("name").asString()).isEqualTo("engineers");
        assertThat(g.get("is_superuser").booleanValue()).isFalse();
        assertThat(g.get("attributes").get("quota").asInt()).isEqualTo(5);
        assertThat(g.get("parents")).isEmpty();
        assertThat(g.get("users")).isEmpty();
        assertThat(group(g.get("pk").asString())).isEqualTo(g);
        JsonNode listed = expect(server.get(GROUPS + "?name=engineers", ADMIN), 200);
        assertThat(texts(listed.get("results"), "pk")).containsExactly(g.get("pk").asString());
    }

    @Test
    void createGroupWhenNameTakenThen400Name() {
        createGroup("dup-group");
        JsonNode body = expect(server.send("POST", GROUPS, ADMIN, obj("name", "dup-group")), 400);
        assertThat(body.propertyNames()).containsExactly("name");
        assertThat(expect(server.get(GROUPS + "?name=dup-group", ADMIN), 200).get("pagination").get("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void renameGroupWhenNameTakenThen400Name() {
        createGroup("rename-target");
        String pk = createGroup("rename-source");
        JsonNode body = expect(server.send("PATCH", GROUPS + pk + "/", ADMIN, obj("name", "rename-target")), 400);
        assertThat(body.propertyNames()).containsExactly("name");
        assertThat(group(pk).get("name").asString()).isEqualTo("rename-source");
    }

    @Test
    void createGroupWhenNameMissingThen400Name() {
        JsonNode body = expect(server.send("POST", GROUPS, ADMIN, obj("is_superuser", true)), 400);
        assertThat(body.propertyNames()).containsExactly("name");
    }

    @Test
    void createGroupWhenNameTooLongThen400Name() {
        JsonNode body = expect(server.send("POST", GROUPS, ADMIN, obj("name", "g".repeat(81))), 400);
        assertThat(body.propertyNames()).containsExactly("name");
    }

    @Test
    void patchGroupThenOnlyGivenFieldsChange() {
        String pk = createGroup("patch-group", "attributes", Map.of("a", 1));
        JsonNode after = expect(server.send("PATCH", GROUPS + pk + "/", ADMIN, obj("is_superuser", true)), 200);
        assertThat(after.get("is_superuser").booleanValue()).isTrue();
        assertThat(after.get("name").asString()).isEqualTo("patch-group");
        assertThat(after.get("attributes").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void putGroupThenReplaced() {
        String pk = createGroup("put-group");
        JsonNode after = expect(server.send("PUT", GROUPS + pk + "/", ADMIN, obj("name", "put-group-2",
                "is_superuser", false, "attributes", Map.of("x", "y"))), 200);
        assertThat(after.get("name").asString()).isEqualTo("put-group-2");
        assertThat(group(pk).get("attributes").get("x").asString()).isEqualTo("y");
    }

    @Test
    void deleteGroupThen204AndGone() {
        String parent = createGroup("delete-parent");
        String child = createGroup("delete-child", "parents", List.of(parent));
        long member = createUser(server, "delete-group-member");
        expect(server.send("POST", GROUPS + parent + "/add_user/", ADMIN, obj("pk", member)), 204);

        HttpResponse<String> r = server.send("DELETE", GROUPS + parent + "/", ADMIN, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        expect(server.get(GROUPS + parent + "/", ADMIN), 404);
        assertThat(group(child).get("parents")).isEmpty();
        assertThat(expect(server.get("/api/v3/core/users/" + member + "/", ADMIN), 200).get("groups")).isEmpty();
    }

    @Test
    void getGroupWhenUnknownOrMalformedPkThen404() {
        assertThat(expect(server.get(GROUPS + "00000000-0000-0000-0000-000000000000/", ADMIN), 404)
                .get("detail").asString()).isEqualTo("Not found.");
        expect(server.get(GROUPS + "not-a-uuid/", ADMIN), 404);
        expect(server.send("DELETE", GROUPS + "not-a-uuid/", ADMIN, null), 404);
    }

    @Test
    void addUserThenMemberAndSuperuserFromGroup() {
        String pk = createGroup("admins-2", "is_superuser", true);
        long user = createUser(server, "member-1");
        String key = createToken(server, "member-1-api", "api", user);
        expect(server.get("/api/v3/core/users/", key), 403);

        HttpResponse<String> r = server.send("POST", GROUPS + pk + "/add_user/", ADMIN, obj("pk", user));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(group(pk).get("users").valueStream().map(JsonNode::asLong).toList()).containsExactly(user);
        assertThat(texts(group(pk).get("users_obj"), "username")).containsExactly("member-1");
        JsonNode u = expect(server.get("/api/v3/core/users/" + user + "/", ADMIN), 200);
        assertThat(strings(u.get("groups"))).containsExactly(pk);
        assertThat(u.get("is_superuser").booleanValue()).isTrue();
        expect(server.get("/api/v3/core/users/", key), 200);
    }

    @Test
    void removeUserThenNoLongerMember() {
        String pk = createGroup("remove-group", "is_superuser", true);
        long user = createUser(server, "member-2");
        String key = createToken(server, "member-2-api", "api", user);
        expect(server.send("POST", GROUPS + pk + "/add_user/", ADMIN, obj("pk", user)), 204);
        expect(server.get("/api/v3/core/groups/", key), 200);

        HttpResponse<String> r = server.send("POST", GROUPS + pk + "/remove_user/", ADMIN, obj("pk", user));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(group(pk).get("users")).isEmpty();
        assertThat(expect(server.get("/api/v3/core/users/" + user + "/", ADMIN), 200).get("groups")).isEmpty();
        expect(server.get("/api/v3/core/groups/", key), 403);
    }

    @Test
    void addUserWhenUnknownUserThen400AndUnknownGroupThen404() {
        String pk = createGroup("add-unknown");
        assertThat(expect(server.send("POST", GROUPS + pk + "/add_user/", ADMIN, obj("pk", 999999)), 400).has("pk"))
                .isTrue();
        assertThat(expect(server.send("POST", GROUPS + pk + "/add_user/", ADMIN, obj()), 400).has("pk")).isTrue();
        assertThat(expect(server.send("POST", GROUPS + pk + "/add_user/", ADMIN, obj("pk", "one")), 400).has("pk"))
                .isTrue();
        long user = createUser(server, "member-3");
        expect(server.send("POST", GROUPS + "00000000-0000-0000-0000-000000000001/add_user/", ADMIN, obj("pk", user)), 404);
        assertThat(group(pk).get("users")).isEmpty();
    }

    @Test
    void createGroupWithParentsThenSuperuserInherited() {
        String top = createGroup("top", "is_superuser", true);
        String middle = createGroup("middle", "parents", List.of(top));
        String other = createGroup("other");
        String bottom = createGroup("bottom", "parents", List.of(middle, other));
        assertThat(strings(group(bottom).get("parents"))).containsExactlyInAnyOrder(middle, other);

        long user = createUser(server, "nested-member");
        expect(server.send("POST", GROUPS + bottom + "/add_user/", ADMIN, obj("pk", user)), 204);

        JsonNode u = expect(server.get("/api/v3/core/users/" + user + "/", ADMIN), 200);
        assertThat(strings(u.get("groups"))).containsExactly(bottom);
        assertThat(u.get("is_superuser").booleanValue()).isTrue();
    }

    @Test
    void patchParentsWhenCycleThen400Parents() {
        String a = createGroup("cycle-a");
        String b = createGroup("cycle-b", "parents", List.of(a));
        String c = createGroup("cycle-c", "parents", List.of(b));

        JsonNode body = expect(server.send("PATCH", GROUPS + a + "/", ADMIN, obj("parents", List.of(c))), 400);

        assertThat(body.propertyNames()).containsExactly("parents");
        assertThat(group(a).get("parents")).isEmpty();
    }

    @Test
    void patchParentsWhenSelfThen400Parents() {
        String a = createGroup("self-parent");
        JsonNode body = expect(server.send("PATCH", GROUPS + a + "/", ADMIN, obj("parents", List.of(a))), 400);
        assertThat(body.propertyNames()).containsExactly("parents");
        assertThat(group(a).get("parents")).isEmpty();
    }

    @Test
    void patchParentsWhenUnknownParentThen400Parents() {
        String a = createGroup("orphan");
        JsonNode body = expect(server.send("PATCH", GROUPS + a + "/", ADMIN,
                obj("parents", List.of("00000000-0000-0000-0000-000000000002"))), 400);
        assertThat(body.propertyNames()).containsExactly("parents");
        JsonNode bad = expect(server.send("PATCH", GROUPS + a + "/", ADMIN, obj("parents", List.of("x"))), 400);
        assertThat(bad.propertyNames()).containsExactly("parents");
    }

    @Test
    void patchParentsWhenNoCycleThenSaved() {
        String a = createGroup("chain-a");
        String b = createGroup("chain-b");
        JsonNode after = expect(server.send("PATCH", GROUPS + b + "/", ADMIN, obj("parents", List.of(a))), 200);
        assertThat(strings(after.get("parents"))).containsExactly(a);
        JsonNode cleared = expect(server.send("PATCH", GROUPS + b + "/", ADMIN, obj("parents", List.of())), 200);
        assertThat(cleared.get("parents")).isEmpty();
    }
}

package dev.gatehouse.provider.ldap;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Test data through the REST API as akadmin: LDAP providers with their application, users, groups, bindings. */
public final class LdapKit {
    /** The default base DN, spelled as the provider stores it (entries carry it as written). */
    public static final String BASE = "DC=ldap,DC=goauthentik,DC=io";
    private final TestServer server;

    public LdapKit(TestServer server) {
        this.server = server;
    }

    String flowPk(String slug) {
        return expect(server.get("/api/v3/flows/instances/" + slug + "/", ADMIN), 200).get("pk").asString();
    }

    /** An LDAP provider bound to default-authentication-flow, with an application of the same slug. */
    public JsonNode provider(String name, Object... extra) {
        Object[] body = new Object[4 + extra.length];
        body[0] = "name";
        body[1] = name;
        body[2] = "authorization_flow";
        body[3] = flowPk("default-authentication-flow");
        System.arraycopy(extra, 0, body, 4, extra.length);
        JsonNode p = expect(server.send("POST", "/api/v3/providers/ldap/", ADMIN, obj(body)), 201);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", name, "slug", name,
                "provider", p.get("pk").asLong())), 201);
        return p;
    }

    JsonNode application(String slug) {
        return expect(server.get("/api/v3/core/applications/" + slug + "/", ADMIN), 200);
    }

    public long user(String username, String password, Object... extra) {
        Object[] body = new Object[6 + extra.length];
        body[0] = "username";
        body[1] = username;
        body[2] = "name";
        body[3] = username.toUpperCase(java.util.Locale.ROOT) + " Example";
        body[4] = "email";
        body[5] = username + "@example.org";
        System.arraycopy(extra, 0, body, 6, extra.length);
        long pk = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj(body)), 201).get("pk").asLong();
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", password)), 204);
        return pk;
    }

    String group(String name, List<Long> users, Object... extra) {
        Object[] body = new Object[4 + extra.length];
        body[0] = "name";
        body[1] = name;
        body[2] = "users";
        body[3] = users;
        System.arraycopy(extra, 0, body, 4, extra.length);
        return expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj(body)), 201).get("pk").asString();
    }

    /** Binds the group to the application: only its members (and no one else) may use it. */
    void onlyGroup(String appSlug, String group) {
        expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", application(appSlug).get("pk")
                .asString(), "group", group, "order", 0)), 201);
    }

    void patchUser(long pk, Map<String, Object> changes) {
        expect(server.send("PATCH", "/api/v3/core/users/" + pk + "/", ADMIN,
                dev.gatehouse.api.ApiTestSupport.JSON.writeValueAsString(changes)), 200);
    }

    public static String userDn(String username) {
        return "cn=" + username + ",ou=users," + BASE;
    }

    /** The result of a simple bind on a new connection to the server's LDAP listener. */
    public ResultCode bind(String user, String password) {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
            return c.bind(userDn(user), password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    /** The result of a base search of {@code dn} on a bound connection. */
    public static ResultCode search(LDAPConnection c, String dn) {
        try {
            return c.search(dn, SearchScope.BASE, "(objectClass=*)").getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }
}

package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.StaticUtils;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Installation;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Builds a provider's {@link Directory} from the database with the entries of CONTRACT.md "LDAP outpost" (the
 * attributes of authentik's outpost): users, groups, per-user virtual groups, the base and its containers.
 * Custom user and group attributes appear too (key {@code /} → {@code -}, {@code .} removed; in user values
 * {@code %s} becomes the username); the fixed attributes win over custom ones of the same name.
 */
final class DirectoryLoader {
    private static final int MAX_DEPTH = 64;
    private final Database db;
    private final Installation installation;

    DirectoryLoader(Database db, Installation installation) {
        this.db = db;
        this.installation = installation;
    }

    Directory load(LdapProvider p) {
        DirectoryNames n = DirectoryNames.of(p);
        DSLContext dsl = db.dsl();
        List<User> users = new UserStore(dsl).all();
        List<Group> groups = new GroupStore(dsl).all();
        Map<Long, List<UUID>> memberships = new GroupStore(dsl).allMemberships();
        Map<UUID, Group> byPk = new LinkedHashMap<>();
        groups.forEach(g -> byPk.put(g.pk(), g));
        Map<UUID, List<String>> memberDns = new HashMap<>();
        Map<UUID, List<String>> childDns = new HashMap<>();
        for (Group g : groups) {
            for (UUID parent : g.parents()) {
                childDns.computeIfAbsent(parent, k -> new ArrayList<>()).add(n.group(g.name()).toString());
            }
        }
        List<DirectoryEntry> out = new ArrayList<>();
        out.add(new DirectoryEntry(n.base(), container(n.base(), "domain"), null, null, false));
        for (DN ou : List.of(n.users(), n.groups(), n.virtualGroups())) {
            out.add(new DirectoryEntry(ou, container(ou, "organizationalUnit"), null, null, false));
        }
        Map<Long, Set<UUID>> groupsOfUser = new HashMap<>();
        List<DirectoryEntry> virtualGroups = new ArrayList<>();
        for (User u : users) {
            List<UUID> direct = memberships.getOrDefault(u.pk(), List.of());
            groupsOfUser.put(u.pk(), Set.copyOf(direct));
            DN dn = n.user(u.username());
            direct.forEach(g -> memberDns.computeIfAbsent(g, k -> new ArrayList<>()).add(dn.toString()));
            boolean superuser = superuser(direct, byPk);
            String uidNumber = number(u.attributes().get("uidNumber"), p.uidStartNumber() + u.pk());
            String gidNumber = number(u.attributes().get("gidNumber"), Long.parseLong(uidNumber));
            out.add(new DirectoryEntry(dn, user(u, dn, n, direct, byPk, superuser, uidNumber, gidNumber), u.pk(), null,
                    false));
            DN vdn = n.virtualGroup(u.username());
            Entry v = new Entry(vdn);
            v.setAttribute("objectClass", "group", "groupOfUniqueNames", "groupOfNames", "goauthentik.io/ldap/group",
                    "posixGroup", "goauthentik.io/ldap/virtual-group");
            v.setAttribute("cn", u.username());
            v.setAttribute("uid", installation.uid(u));
            v.setAttribute("sAMAccountName", u.username());
            v.setAttribute("gidNumber", gidNumber);
            v.setAttribute("member", dn.toString());
            v.setAttribute("ak-superuser", "false");
            virtualGroups.add(new DirectoryEntry(vdn, v, u.pk(), null, true));
        }
        for (Group g : groups) {
            DN dn = n.group(g.name());
            Entry e = new Entry(dn);
            custom(e, g.attributes(), null);
            e.setAttribute("objectClass", "group", "groupOfUniqueNames", "groupOfNames", "goauthentik.io/ldap/group",
                    "posixGroup");
            e.setAttribute("cn", g.name());
            e.setAttribute("uid", g.pk().toString());
            e.setAttribute("sAMAccountName", g.name());
            e.setAttribute("gidNumber", number(g.attributes().get("gidNumber"), p.gidStartNumber() + groupNumber(g.pk())));
            List<String> members = new ArrayList<>(memberDns.getOrDefault(g.pk(), List.of()));
            members.addAll(childDns.getOrDefault(g.pk(), List.of()));
            set(e, "member", members);
            set(e, "memberOf", g.parents().stream().map(byPk::get).filter(java.util.Objects::nonNull)
                    .map(pg -> n.group(pg.name()).toString()).toList());
            e.setAttribute("ak-superuser", Boolean.toString(g.isSuperuser()));
            out.add(new DirectoryEntry(dn, e, null, g.pk(), false));
        }
        out.addAll(virtualGroups);
        return new Directory(n, out, groupsOfUser);
    }

    private Entry user(User u, DN dn, DirectoryNames n, List<UUID> direct, Map<UUID, Group> groups, boolean superuser,
                       String uidNumber, String gidNumber) {
        Entry e = new Entry(dn);
        custom(e, u.attributes(), u.username());
        e.setAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user", "posixAccount",
                "goauthentik.io/ldap/user");
        e.setAttribute("cn", u.username());
        e.setAttribute("sAMAccountName", u.username());
        e.setAttribute("uid", installation.uid(u));
        e.setAttribute("name", u.name());
        e.setAttribute("displayName", u.name());
        e.setAttribute("sn", u.name());
        e.setAttribute("mail", u.email());
        set(e, "memberOf", direct.stream().map(groups::get).filter(java.util.Objects::nonNull)
                .map(g -> n.group(g.name()).toString()).toList());
        e.setAttribute("uidNumber", uidNumber);
        e.setAttribute("gidNumber", gidNumber);
        e.setAttribute("homeDirectory", "/home/" + u.username());
        e.setAttribute("ak-active", Boolean.toString(u.isActive()).toUpperCase(Locale.ROOT));
        e.setAttribute("ak-superuser", Boolean.toString(superuser).toUpperCase(Locale.ROOT));
        e.setAttribute("createTimestamp", time(u.dateJoined()));
        Instant modified = u.passwordChangeDate() != null && u.passwordChangeDate().isAfter(u.dateJoined())
                ? u.passwordChangeDate() : u.dateJoined();
        e.setAttribute("modifyTimestamp", time(modified));
        return e;
    }

    private static Entry container(DN dn, String objectClass) {
        Entry e = new Entry(dn);
        e.setAttribute("objectClass", "top", objectClass);
        e.setAttribute(dn.getRDN().getAttributeNames()[0], dn.getRDN().getAttributeValues()[0]);
        return e;
    }

    /** Custom attributes: scalars as one value, lists as several; nested objects are left out. */
    static void custom(Entry e, Map<String, Object> attributes, String username) {
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            String key = a.getKey().replace("/", "-").replace(".", "");
            if (key.isEmpty() || !key.matches("[A-Za-z][A-Za-z0-9-]*")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            Collection<?> raw = a.getValue() instanceof Collection<?> c ? c : java.util.Collections.singletonList(a.getValue());
            for (Object v : raw) {
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    String text = v.toString();
                    values.add(username != null && text.contains("%s") ? text.replace("%s", username) : text);
                }
            }
            set(e, key, values);
        }
    }

    private static void set(Entry e, String name, List<String> values) {
        if (!values.isEmpty()) {
            e.setAttribute(new Attribute(name, values));
        }
    }

    /** A user's superuser flag: one of its groups, or an ancestor of one, is a superuser group. */
    private static boolean superuser(List<UUID> direct, Map<UUID, Group> groups) {
        Set<UUID> seen = new HashSet<>();
        List<UUID> frontier = new ArrayList<>(direct);
        for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
            List<UUID> next = new ArrayList<>();
            for (UUID g : frontier) {
                Group group = groups.get(g);
                if (group == null || !seen.add(g)) {
                    continue;
                }
                if (group.isSuperuser()) {
                    return true;
                }
                next.addAll(group.parents());
            }
            frontier = next;
        }
        return false;
    }

    /** A number attribute set on the user or group (a number or digits), else the computed one. */
    static String number(Object configured, long fallback) {
        if (configured instanceof Number num) {
            return Long.toString(num.longValue());
        }
        if (configured instanceof String text && text.strip().matches("-?[0-9]{1,18}")) {
            return text.strip();
        }
        return Long.toString(fallback);
    }

    /** A stable number per group (groups have UUID keys): the UUID's low 24 bits. */
    static long groupNumber(UUID group) {
        return group.getLeastSignificantBits() & 0xFFFFFF;
    }

    private static String time(Instant t) {
        return StaticUtils.encodeGeneralizedTime(Date.from(t == null ? Instant.EPOCH : t));
    }
}

package dev.gatehouse.web.admin.directory;

import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminInterface;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.Values;
import dev.gatehouse.web.admin.directory.DirectoryPage.Fact;
import dev.gatehouse.web.admin.directory.DirectoryPage.GroupPage;
import dev.gatehouse.web.admin.directory.DirectoryPage.Row;
import dev.gatehouse.web.admin.directory.DirectoryPage.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /if/admin/groups/<pk>/}: a group's info (superuser flag, parents, attributes as YAML) and its members —
 * remove one, or add an existing user by username (a datalist suggests usernames; with many users typing is
 * quicker than a select). Changes go through the API's {@code add_user/} and {@code remove_user/}.
 */
public final class GroupPages implements AdminPages {
    private static final String GROUP = UserPages.HERE + "group.jte";
    private static final int SUGGESTIONS = 200;

    static String href(String pk) {
        return AdminInterface.ROOT + "groups/" + pk + "/";
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("groups/new/", CreateForms::groupForm)
                .post("groups/new/", CreateForms::createGroup)
                .get("groups/{pk}/", r -> load(r).ifPresent(g -> show(r, g, 200, "", List.of())))
                .post("groups/{pk}/users/add/", this::addMember)
                .post("groups/{pk}/users/remove/", this::removeMember);
    }

    private static Optional<Map<String, Object>> load(AdminRequest r) {
        String pk = r.param("pk");
        if (!pk.matches("[0-9a-fA-F-]{36}")) {
            r.notFound();
            return Optional.empty();
        }
        Answer a = r.get("core/groups/" + pk + "/");
        if (!a.ok()) {
            r.failed(a);
            return Optional.empty();
        }
        return Optional.of(a.object());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(Map<String, Object> g) {
        return g.get("users_obj") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static void show(AdminRequest r, Map<String, Object> g, int status, String username, List<String> errors) {
        String pk = String.valueOf(g.get("pk"));
        String title = Values.text(g.get("name"));
        List<Fact> info = new ArrayList<>();
        info.add(Fact.of("Name", title));
        info.add(Fact.of("Superuser", Values.text(g.get("is_superuser"))));
        List<String> parentNames = new ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        List<Map<String, Object>> all = r.get("core/groups/", Map.of("page_size", "1000")).results();
        all.forEach(o -> names.put(String.valueOf(o.get("pk")), String.valueOf(o.get("name"))));
        if (g.get("parents") instanceof List<?> parents) {
            parents.forEach(p -> parentNames.add(names.getOrDefault(String.valueOf(p), String.valueOf(p))));
        }
        info.add(Fact.of("Parents", parentNames.isEmpty() ? "—" : String.join(", ", parentNames)));
        Object attributes = g.get("attributes");
        info.add(new Fact("Attributes", Values.text(attributes), null, Values.isBlock(attributes)));
        String action = href(pk) + "users/remove/";
        Set<String> memberNames = new HashSet<>();
        List<Row> rows = members(g).stream().map(u -> {
            memberNames.add(String.valueOf(u.get("username")));
            return new Row(List.of(Values.text(u.get("username")), Values.text(u.get("name")),
                    Values.text(u.get("is_active"))), UserPages.href(((Number) u.get("pk")).longValue()), action, "user",
                    String.valueOf(u.get("pk")), "Remove");
        }).toList();
        List<String> suggestions = r.get("core/users/", Map.of("page_size", String.valueOf(SUGGESTIONS),
                "ordering", "username")).results().stream().map(u -> String.valueOf(u.get("username")))
                .filter(n -> !memberNames.contains(n)).toList();
        r.page(status, GROUP, "Group " + title, "groups", new GroupPage(pk, title, UserPages.DONE.get(
                Objects.requireNonNullElse(r.query("done"), "")), info,
                new Table(List.of("Username", "Name", "Active"), rows, "No members."), suggestions, username, errors,
                href(pk) + "edit/", href(pk) + "delete/"));
    }

    private void addMember(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Object> g = loaded.get();
        String username = r.form().first("username", "").strip();
        if (username.isEmpty()) {
            show(r, g, 400, username, List.of("Enter a username."));
            return;
        }
        List<Map<String, Object>> found = r.get("core/users/", Map.of("username", username)).results();
        if (found.size() != 1) {
            show(r, g, 400, username, List.of("There is no user with this username."));
            return;
        }
        Answer a = r.send("POST", "core/groups/" + g.get("pk") + "/add_user/", Map.of("pk", found.getFirst().get("pk")));
        if (a.status() == 400) {
            List<String> messages = new ArrayList<>();
            Values.fieldErrors(a).values().forEach(messages::addAll);
            show(r, g, 400, username, messages);
            return;
        }
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(String.valueOf(g.get("pk"))) + "?done=member-added#users");
    }

    private void removeMember(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        String pk = String.valueOf(loaded.get().get("pk"));
        String user = r.form().first("user", "");
        if (!user.matches("\\d{1,18}")) {
            r.notFound();
            return;
        }
        Answer a = r.send("POST", "core/groups/" + pk + "/remove_user/", Map.of("pk", Long.parseLong(user)));
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(pk) + "?done=member-removed#users");
    }
}

package dev.gatehouse.web.admin.directory;

import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminInterface;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.ObjectPage.ConfirmPage;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.Values;
import dev.gatehouse.web.admin.directory.DirectoryPage.Fact;
import dev.gatehouse.web.admin.directory.DirectoryPage.LinkPage;
import dev.gatehouse.web.admin.directory.DirectoryPage.Option;
import dev.gatehouse.web.admin.directory.DirectoryPage.PasswordPage;
import dev.gatehouse.web.admin.directory.DirectoryPage.Picker;
import dev.gatehouse.web.admin.directory.DirectoryPage.Row;
import dev.gatehouse.web.admin.directory.DirectoryPage.Table;
import dev.gatehouse.web.admin.directory.DirectoryPage.UserPage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /if/admin/users/<pk>/}: a user's info and what an admin does to it — groups (add, remove), set password,
 * deactivate/activate, lock down (confirmed, then at once), a one-time recovery link, and its sessions, MFA devices, tokens and recent events (end or
 * delete one). Every change is a post (CSRF-checked) through the API, then a redirect back here saying what was done.
 * A session, device or token is only ended or deleted from its own user's page.
 */
public final class UserPages implements AdminPages {
    static final String HERE = "dev/gatehouse/web/admin/directory/";
    private static final String USER = HERE + "user.jte";
    private static final String PASSWORD = HERE + "password.jte";
    private static final String LINK = HERE + "link.jte";
    private static final int EVENTS = 10;
    /** What the notice after a redirect says, by the {@code done} query value (never text from the request). */
    static final Map<String, String> DONE = Map.ofEntries(
            Map.entry("group-added", "Added to the group."),
            Map.entry("group-removed", "Removed from the group."),
            Map.entry("password-set", "The password was set."),
            Map.entry("deactivated", "The user was deactivated; it can no longer sign in."),
            Map.entry("activated", "The user was activated."),
            Map.entry("locked-down", "The user was locked down: deactivated, password unusable, every session and "
                    + "token ended."),
            Map.entry("session-ended", "The session was ended; that browser is signed out."),
            Map.entry("device-deleted", "The MFA device was deleted."),
            Map.entry("token-deleted", "The token was deleted."),
            Map.entry("member-added", "The user was added."),
            Map.entry("member-removed", "The user was removed."));

    static String href(long pk) {
        return AdminInterface.ROOT + "users/" + pk + "/";
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("users/new/", CreateForms::userForm)
                .post("users/new/", CreateForms::createUser)
                .get("users/{pk}/", this::show)
                .post("users/{pk}/groups/add/", r -> membership(r, true))
                .post("users/{pk}/groups/remove/", r -> membership(r, false))
                .get("users/{pk}/password/", this::passwordForm)
                .post("users/{pk}/password/", this::setPassword)
                .get("users/{pk}/deactivate/", r -> confirmActive(r, false))
                .post("users/{pk}/deactivate/", r -> setActive(r, false))
                .get("users/{pk}/activate/", r -> confirmActive(r, true))
                .post("users/{pk}/activate/", r -> setActive(r, true))
                .post("users/{pk}/recovery/", this::recovery)
                .get("users/{pk}/lockdown/", this::confirmLockdown)
                .post("users/{pk}/lockdown/", this::lockdown)
                .post("users/{pk}/sessions/end/", this::endSession)
                .post("users/{pk}/devices/delete/", this::deleteDevice)
                .post("users/{pk}/tokens/delete/", this::deleteToken);
    }

    /** The user named by the path (its API view), or empty after answering 404. */
    private static Optional<Map<String, Object>> load(AdminRequest r) {
        String pk = r.param("pk");
        if (!pk.matches("\\d{1,18}")) {
            r.notFound();
            return Optional.empty();
        }
        Answer a = r.get("core/users/" + pk + "/");
        if (!a.ok()) {
            r.failed(a);
            return Optional.empty();
        }
        return Optional.of(a.object());
    }

    private static long pk(Map<String, Object> user) {
        return ((Number) user.get("pk")).longValue();
    }

    private static String title(Map<String, Object> user) {
        return Values.text(user.get("username"));
    }

    // ---- the page

    private void show(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Object> u = loaded.get();
        long pk = pk(u);
        boolean active = Boolean.TRUE.equals(u.get("is_active"));
        r.page(200, USER, "User " + title(u), "users", new UserPage(pk, title(u), DONE.get(Objects.requireNonNullElse(
                r.query("done"), "")), active, pk == r.user().pk(), info(u), groups(u), groupPicker(r, u), sessions(r, pk),
                devices(r, pk), tokens(r, pk), events(r, u), AdminInterface.ROOT + "users/" + pk + "/edit/",
                AdminInterface.ROOT + "users/" + pk + "/delete/"));
    }

    private static List<Fact> info(Map<String, Object> u) {
        List<Fact> out = new ArrayList<>();
        out.add(Fact.of("Username", Values.text(u.get("username"))));
        out.add(Fact.of("Name", Values.text(u.get("name"))));
        out.add(Fact.of("Email", Values.text(u.get("email"))));
        String type = String.valueOf(u.get("type"));
        out.add(Fact.of("Type", CreateForms.USER_TYPES.getOrDefault(type, type)));
        out.add(Fact.of("Active", Values.text(u.get("is_active"))));
        out.add(Fact.of("Last login", u.get("last_login") == null ? "Never" : Times.text(u.get("last_login"))));
        List<String> via = groupsObj(u).stream().filter(g -> Boolean.TRUE.equals(g.get("is_superuser")))
                .map(g -> String.valueOf(g.get("name"))).toList();
        out.add(Fact.of("Superuser", Boolean.TRUE.equals(u.get("is_superuser"))
                ? via.isEmpty() ? "Yes (through a parent group)" : "Yes, through " + String.join(", ", via) : "No"));
        out.add(Fact.of("Path", Values.text(u.get("path"))));
        out.add(Fact.of("Date joined", Times.text(u.get("date_joined"))));
        out.add(Fact.of("Password changed", Times.text(u.get("password_change_date"))));
        Object attributes = u.get("attributes");
        out.add(new Fact("Attributes", Values.text(attributes), null, Values.isBlock(attributes)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groupsObj(Map<String, Object> u) {
        return u.get("groups_obj") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static Table groups(Map<String, Object> u) {
        String action = href(pk(u)) + "groups/remove/";
        List<Row> rows = groupsObj(u).stream().map(g -> new Row(List.of(Values.text(g.get("name")),
                Values.text(g.get("is_superuser"))), GroupPages.href(String.valueOf(g.get("pk"))), action, "group",
                String.valueOf(g.get("pk")), "Remove")).toList();
        return new Table(List.of("Name", "Superuser"), rows, "Not a member of any group.");
    }

    private static Picker groupPicker(AdminRequest r, Map<String, Object> u) {
        Set<String> member = new HashSet<>();
        groupsObj(u).forEach(g -> member.add(String.valueOf(g.get("pk"))));
        List<Option> options = r.get("core/groups/", Map.of("page_size", "1000", "ordering", "name")).results().stream()
                .filter(g -> !member.contains(String.valueOf(g.get("pk"))))
                .map(g -> new Option(String.valueOf(g.get("pk")), String.valueOf(g.get("name")))).toList();
        return new Picker("group", "Add to existing group", options, List.of());
    }

    private static Table sessions(AdminRequest r, long pk) {
        String action = href(pk) + "sessions/end/";
        List<Row> rows = r.get("core/authenticated_sessions/", Map.of("user", String.valueOf(pk), "page_size", "100"))
                .results().stream().map(s -> new Row(List.of(Values.text(s.get("last_ip")),
                        Values.text(s.get("last_user_agent")), Times.text(s.get("last_used")), Times.text(s.get("expires"))
                                + (Boolean.TRUE.equals(s.get("current")) ? " (this session)" : "")),
                        null, action, "session", String.valueOf(s.get("uuid")), "End session")).toList();
        return new Table(List.of("Client IP", "Browser", "Last used", "Expires"), rows, "No sessions.");
    }

    private static Table devices(AdminRequest r, long pk) {
        String action = href(pk) + "devices/delete/";
        List<Row> rows = new ArrayList<>();
        for (DeviceClass type : DeviceClasses.all()) {
            for (Map<String, Object> d : r.get("authenticators/admin/" + type.name() + "/",
                    Map.of("user", String.valueOf(pk), "page_size", "100")).results()) {
                rows.add(new Row(List.of(Values.text(d.get("name")), type.verboseName(), Values.text(d.get("confirmed")),
                        Times.text(d.get("last_used"))), null, action, "device", type.name() + ":" + d.get("pk"), "Delete"));
            }
        }
        return new Table(List.of("Name", "Type", "Confirmed", "Last used"), rows, "No MFA devices.");
    }

    private static Table tokens(AdminRequest r, long pk) {
        String action = href(pk) + "tokens/delete/";
        List<Row> rows = r.get("core/tokens/", Map.of("user", String.valueOf(pk), "page_size", "100")).results().stream()
                .map(t -> new Row(List.of(Values.text(t.get("identifier")), Values.text(t.get("intent")),
                        Boolean.TRUE.equals(t.get("expiring")) ? Times.text(t.get("expires")) : "Never"),
                        AdminInterface.ROOT + "tokens/" + t.get("identifier") + "/", action, "token",
                        String.valueOf(t.get("identifier")), "Delete")).toList();
        return new Table(List.of("Identifier", "Intent", "Expires"), rows, "No tokens or app passwords.");
    }

    private static Table events(AdminRequest r, Map<String, Object> u) {
        List<Row> rows = r.get("events/events/", Map.of("username", String.valueOf(u.get("username")),
                "page_size", String.valueOf(EVENTS))).results().stream().limit(EVENTS)
                .map(e -> new Row(List.of(Values.text(e.get("action")), Values.text(e.get("client_ip")),
                        Times.text(e.get("created"))), AdminInterface.ROOT + "events/" + e.get("pk") + "/", null, null,
                        null, null)).toList();
        return new Table(List.of("Action", "Client IP", "Created"), rows, "No events.");
    }

    // ---- groups

    private void membership(AdminRequest r, boolean add) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        long pk = pk(loaded.get());
        String group = r.form().first("group", "");
        if (!group.matches("[0-9a-fA-F-]{36}")) {
            r.page(400, AdminInterface.MESSAGE, "Not done", "users", new AdminInterface.Message("Not done",
                    "Choose a group.", href(pk), "Back to the user"));
            return;
        }
        Answer a = r.send("POST", "core/groups/" + group + "/" + (add ? "add_user/" : "remove_user/"), Map.of("pk", pk));
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(pk) + "?done=" + (add ? "group-added" : "group-removed") + "#groups");
    }

    // ---- password

    private void passwordForm(AdminRequest r) {
        load(r).ifPresent(u -> passwordPage(r, u, 200, List.of(), List.of(), List.of()));
    }

    private static void passwordPage(AdminRequest r, Map<String, Object> u, int status, List<String> password,
                                     List<String> repeat, List<String> errors) {
        String heading = "Set password of " + title(u);
        r.page(status, PASSWORD, heading, "users", new PasswordPage(heading, href(pk(u)) + "password/", href(pk(u)),
                password, repeat, errors));
    }

    private void setPassword(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Object> u = loaded.get();
        String password = r.form().first("password", "");
        String repeat = r.form().first("password_repeat", "");
        if (!password.equals(repeat)) {
            passwordPage(r, u, 400, List.of(), List.of("The passwords do not match."), List.of());
            return;
        }
        Answer a = r.send("POST", "core/users/" + pk(u) + "/set_password/", Map.of("password", password));
        if (a.ok()) {
            r.redirect(href(pk(u)) + "?done=password-set");
        } else if (a.status() == 400) {
            Map<String, List<String>> errors = new LinkedHashMap<>(Values.fieldErrors(a));
            List<String> onPassword = errors.remove("password");
            List<String> rest = new ArrayList<>();
            errors.values().forEach(rest::addAll);
            passwordPage(r, u, 400, onPassword == null ? List.of() : onPassword, List.of(), rest);
        } else {
            r.failed(a);
        }
    }

    // ---- active

    private void confirmActive(AdminRequest r, boolean active) {
        load(r).ifPresent(u -> {
            String verb = active ? "Activate" : "Deactivate";
            r.page(200, ObjectPages.CONFIRM, verb + " " + title(u), "users", new ConfirmPage(verb + " user " + title(u) + "?",
                    active ? "The user can sign in again." : "The user can no longer sign in, and its sessions end.",
                    href(pk(u)) + (active ? "activate/" : "deactivate/"), "Update", href(pk(u))));
        });
    }

    private void setActive(AdminRequest r, boolean active) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        long pk = pk(loaded.get());
        Answer a = r.send("PATCH", "core/users/" + pk + "/", Map.of("is_active", active));
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(pk) + "?done=" + (active ? "activated" : "deactivated"));
    }

    // ---- lockdown

    private void confirmLockdown(AdminRequest r) {
        load(r).ifPresent(u -> r.page(200, ObjectPages.CONFIRM, "Lock down " + title(u), "users", new ConfirmPage(
                "Lock down user " + title(u) + "?", "At once: the user is deactivated, its password made unusable, "
                + "and every session (browser, proxy, LDAP), flow in progress, API token, app password and OAuth "
                + "token of it ends. Only activating it and setting a password undoes this.",
                href(pk(u)) + "lockdown/", "Lock down", href(pk(u)))));
    }

    private void lockdown(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Object> u = loaded.get();
        Answer a = r.send("POST", "core/users/" + pk(u) + "/lockdown/",
                Map.of("reason", "Locked down from the admin interface"));
        if (!a.ok()) {
            notDone(r, a, u);
            return;
        }
        r.redirect(href(pk(u)) + "?done=locked-down");
    }

    /** A refused user action: a 400's messages on a page leading back to the user, anything else as it failed. */
    private void notDone(AdminRequest r, Answer a, Map<String, Object> u) {
        if (a.status() != 400) {
            r.failed(a);
            return;
        }
        List<String> messages = new ArrayList<>();
        Values.fieldErrors(a).values().forEach(messages::addAll);
        r.page(400, AdminInterface.MESSAGE, "Not done", "users", new AdminInterface.Message("Not done",
                String.join(" ", messages), href(pk(u)), "Back to the user"));
    }

    // ---- recovery

    private void recovery(AdminRequest r) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Object> u = loaded.get();
        Answer a = r.send("POST", "core/users/" + pk(u) + "/recovery/", null);
        if (!a.ok()) {
            notDone(r, a, u);
            return;
        }
        r.page(200, LINK, "Recovery link for " + title(u), "users", new LinkPage("Recovery link for " + title(u),
                (String.valueOf(a.object().get("link")).contains("flow_token=")
                        ? "This link opens the brand's recovery flow for " + title(u) + ", once, within 30 minutes."
                        : "This link signs " + title(u) + " in once, within 30 minutes.")
                        + " It is shown only now: copy it and give it to the user.",
                String.valueOf(a.object().get("link")), href(pk(u))));
    }

    // ---- sessions, devices, tokens: only the user's own

    /**
     * Deletes the object of the user's that the form names: {@code owned} gives its API path, or empty when the
     * form names nothing of this user's (a 404, nothing changed); then back to the user's page.
     */
    private void deleteOwned(AdminRequest r, Owned owned, String done, String anchor) {
        Optional<Map<String, Object>> loaded = load(r);
        if (loaded.isEmpty()) {
            return;
        }
        long pk = pk(loaded.get());
        Optional<String> path = owned.path(r, pk);
        if (path.isEmpty()) {
            r.notFound();
            return;
        }
        Answer a = r.send("DELETE", path.get(), null);
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(pk) + "?done=" + done + "#" + anchor);
    }

    /** The API path of what a form names, when it belongs to user {@code pk}. */
    private interface Owned {
        Optional<String> path(AdminRequest r, long pk);
    }

    private void endSession(AdminRequest r) {
        deleteOwned(r, (req, pk) -> {
            String uuid = req.form().first("session", "");
            String path = "core/authenticated_sessions/" + uuid + "/";
            return uuid.matches("[0-9a-fA-F-]{36}") && ownedBy(req.get(path), "user", pk) ? Optional.of(path)
                    : Optional.empty();
        }, "session-ended", "sessions");
    }

    private void deleteDevice(AdminRequest r) {
        deleteOwned(r, (req, pk) -> {
            String[] device = req.form().first("device", "").split(":", 2);
            Optional<DeviceClass> type = device.length == 2 && device[1].matches("\\d{1,18}")
                    ? DeviceClasses.byName(device[0]) : Optional.empty();
            return type.map(t -> "authenticators/admin/" + t.name() + "/" + device[1] + "/")
                    .filter(path -> req.get(path).object().get("user") instanceof Map<?, ?> owner
                            && owner.get("pk") instanceof Number n && n.longValue() == pk);
        }, "device-deleted", "mfa");
    }

    private void deleteToken(AdminRequest r) {
        deleteOwned(r, (req, pk) -> {
            String identifier = req.form().first("token", "");
            String path = "core/tokens/" + identifier + "/";
            return identifier.matches("[^/?#%\\s]{1,255}") && ownedBy(req.get(path), "user", pk) ? Optional.of(path)
                    : Optional.empty();
        }, "token-deleted", "tokens");
    }

    private static boolean ownedBy(Answer a, String field, long pk) {
        return a.ok() && a.object().get(field) instanceof Number n && n.longValue() == pk;
    }
}

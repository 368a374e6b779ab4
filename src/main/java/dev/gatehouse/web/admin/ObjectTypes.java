package dev.gatehouse.web.admin;

import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.web.admin.ObjectType.Column;
import dev.gatehouse.web.admin.ObjectType.Extras;
import dev.gatehouse.web.admin.ObjectType.Subtype;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every object type of the admin interface, in the order of its navigation. */
public final class ObjectTypes {
    public static final ObjectType APPLICATIONS = new ObjectType("applications", "Application", "Applications",
            "core/applications/", "slug", "pk", "name",
            List.of(Column.of("name", "Name"), Column.of("slug", "Slug"), Column.unsorted("provider_obj.name", "Provider"),
                    Column.of("meta_publisher", "Publisher")), List.of(), "application",
            new Extras(List.of(new ObjectPage.Link("Create with provider", AdminInterface.ROOT + "applications/wizard/")), true));
    public static final ObjectType PROVIDERS = new ObjectType("providers", "Provider", "Providers", "providers/all/",
            "pk", "pk", "name",
            List.of(Column.of("name", "Name"), Column.unsorted("verbose_name", "Type"),
                    Column.unsorted("assigned_application_name", "Application")),
            List.of(provider("oauth2", "OAuth2/OpenID Provider"), provider("proxy", "Proxy Provider"),
                    provider("ldap", "LDAP Provider")), "provider", Extras.NONE);
    public static final ObjectType OUTPOSTS = new ObjectType("outposts", "Outpost", "Outposts", "outposts/instances/",
            "pk", "pk", "name", List.of(Column.of("name", "Name"), Column.unsorted("type", "Type")), List.of(), "outpost", Extras.NONE);
    public static final ObjectType EVENTS = new ObjectType("events", "Event", "Logs", "events/events/", "pk", "pk",
            "action", List.of(Column.of("action", "Action"), Column.unsorted("user.username", "User"),
                    Column.of("client_ip", "Client IP"), Column.of("created", "Created")), List.of(), null, Extras.NONE);
    public static final ObjectType NOTIFICATION_RULES = new ObjectType("notification-rules", "Notification Rule",
            "Notification Rules", "events/rules/", "pk", "pk", "name", List.of(Column.of("name", "Name"),
                    Column.of("severity", "Severity"), Column.unsorted("destination_group_obj.name", "Sent to group")),
            List.of(), "notification_rule", new Extras(List.of(), true));
    public static final ObjectType NOTIFICATION_TRANSPORTS = new ObjectType("notification-transports",
            "Notification Transport", "Notification Transports", "events/transports/", "pk", "pk", "name",
            List.of(Column.of("name", "Name"), Column.of("mode", "Mode"), Column.unsorted("webhook_url", "Webhook URL")),
            List.of(), "notification_transport", Extras.NONE);
    public static final ObjectType POLICIES = new ObjectType("policies", "Policy", "Policies", "policies/all/", "pk",
            "pk", "name", List.of(Column.of("name", "Name"), Column.unsorted("verbose_name", "Type")),
            PolicyTypes.all().stream().map(ObjectTypes::policy).toList(), "policy", Extras.NONE);
    public static final ObjectType PROPERTY_MAPPINGS = new ObjectType("property-mappings", "Scope mapping",
            "Property Mappings", "propertymappings/provider/scope/", "pk", "pk", "name",
            List.of(Column.of("name", "Name"), Column.unsorted("scope_name", "Scope"),
                    Column.unsorted("description", "Description")), List.of(), "scope_mapping", Extras.NONE);
    public static final ObjectType FLOWS = new ObjectType("flows", "Flow", "Flows", "flows/instances/", "slug", "pk",
            "name", List.of(Column.of("name", "Name"), Column.of("slug", "Slug"), Column.of("designation", "Designation")),
            List.of(), "flow", new Extras(List.of(), true));
    public static final ObjectType STAGES = new ObjectType("stages", "Stage", "Stages", "stages/all/", "pk", "pk",
            "name", List.of(Column.of("name", "Name"), Column.unsorted("verbose_name", "Type")),
            StageTypes.all().stream().map(ObjectTypes::stage).toList(), "stage", Extras.NONE);
    public static final ObjectType PROMPTS = new ObjectType("prompts", "Prompt", "Prompts", "stages/prompt/prompts/",
            "pk", "pk", "name", List.of(Column.of("name", "Name"), Column.of("field_key", "Field"),
                    Column.of("type", "Type"), Column.of("order", "Order")), List.of(), "prompt", Extras.NONE);
    public static final ObjectType USERS = new ObjectType("users", "User", "Users", "core/users/", "pk", "pk",
            "username", List.of(Column.of("username", "Username"), Column.of("name", "Name"),
                    Column.unsorted("is_active", "Active"), Column.of("last_login", "Last login")), List.of(), "user", Extras.NONE);
    public static final ObjectType GROUPS = new ObjectType("groups", "Group", "Groups", "core/groups/", "pk", "pk",
            "name", List.of(Column.of("name", "Name"), Column.unsorted("is_superuser", "Superuser"),
                    Column.unsorted("users", "Members")), List.of(), "group", Extras.NONE);
    public static final ObjectType INVITATIONS = new ObjectType("invitations", "Invitation", "Invitations",
            "stages/invitation/invitations/", "pk", "pk", "name", List.of(Column.of("name", "Name"),
                    Column.unsorted("flow_obj.slug", "Flow"), Column.of("expires", "Expires"),
                    Column.unsorted("single_use", "Single use"), Column.unsorted("created_by.username", "Created by")),
            List.of(), "invitation", new Extras(List.of(), false, InvitationLink::of));
    public static final ObjectType TOKENS = new ObjectType("tokens", "Token", "Tokens and App passwords", "core/tokens/",
            "identifier", "identifier", "identifier", List.of(Column.of("identifier", "Identifier"),
                    Column.unsorted("user_obj.username", "User"), Column.of("intent", "Intent"),
                    Column.of("expires", "Expires")), List.of(), null, Extras.NONE);
    public static final ObjectType BRANDS = new ObjectType("brands", "Brand", "Brands", "core/brands/", "brand_uuid",
            "brand_uuid", "domain", List.of(Column.of("domain", "Domain"), Column.unsorted("default", "Default"),
                    Column.unsorted("branding_title", "Title")), List.of(), "brand", Extras.NONE);
    public static final ObjectType CERTIFICATES = new ObjectType("certificates", "Certificate-key pair", "Certificates",
            "crypto/certificatekeypairs/", "pk", "pk", "name", List.of(Column.of("name", "Name"),
                    Column.unsorted("private_key_available", "Private key"), Column.unsorted("cert_expiry", "Expiry")),
            List.of(), "certificate_key_pair", Extras.NONE);

    private static final List<ObjectType> ALL = List.of(APPLICATIONS, PROVIDERS, OUTPOSTS, EVENTS,
            NOTIFICATION_RULES, NOTIFICATION_TRANSPORTS, POLICIES,
            PROPERTY_MAPPINGS, FLOWS, STAGES, PROMPTS, USERS, GROUPS, INVITATIONS, TOKENS, BRANDS, CERTIFICATES);

    private ObjectTypes() {
    }

    public static List<ObjectType> all() {
        return ALL;
    }

    public static Optional<ObjectType> bySlug(String slug) {
        return ALL.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The type a definition's reference names ({@code flow}). */
    public static Optional<ObjectType> byReference(String reference) {
        return ALL.stream().filter(t -> reference.equals(t.reference())).findFirst();
    }

    private static Subtype provider(String kind, String label) {
        return new Subtype(kind, label, "providers/" + kind + "/", "authentik_providers_" + kind + "." + kind + "provider");
    }

    private static Subtype stage(StageType t) {
        return new Subtype(t.name(), words(t.name()) + " Stage", "stages/" + t.apiPath() + "/", t.metaModelName());
    }

    private static Subtype policy(PolicyType t) {
        return new Subtype(t.name(), words(t.name()) + " Policy", "policies/" + t.name() + "/", t.metaModelName());
    }

    /** {@code authenticator_totp} → {@code Authenticator Totp}. */
    static String words(String name) {
        StringBuilder out = new StringBuilder();
        for (String w : name.split("_")) {
            if (!w.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            }
        }
        return out.toString();
    }
}

package dev.gatehouse.web.admin;

import java.util.List;

/** The admin interface's menu, in authentik's sections, so recipes written for authentik read the same here. */
public final class Navigation {
    /** A menu entry; {@code key} is what a page names to be marked current. */
    public record Item(String label, String href, String key) {
    }

    public record Section(String title, List<Item> items) {
    }

    public static final String OVERVIEW = "overview";
    public static final String SETTINGS = "settings";

    public static final List<Section> SECTIONS = List.of(
            new Section("Dashboards", List.of(new Item("Overview", AdminInterface.ROOT, OVERVIEW))),
            new Section("Applications", items(ObjectTypes.APPLICATIONS, ObjectTypes.PROVIDERS, ObjectTypes.OUTPOSTS)),
            new Section("Events", items(ObjectTypes.EVENTS, ObjectTypes.NOTIFICATION_RULES,
                    ObjectTypes.NOTIFICATION_TRANSPORTS)),
            new Section("Customization", items(ObjectTypes.POLICIES, ObjectTypes.PROPERTY_MAPPINGS)),
            new Section("Flows and Stages", items(ObjectTypes.FLOWS, ObjectTypes.STAGES, ObjectTypes.PROMPTS)),
            new Section("Directory", items(ObjectTypes.USERS, ObjectTypes.GROUPS, ObjectTypes.INVITATIONS,
                    ObjectTypes.TOKENS)),
            new Section("System", List.of(item(ObjectTypes.BRANDS), item(ObjectTypes.CERTIFICATES),
                    new Item("Settings", AdminInterface.ROOT + "settings/", SETTINGS))));

    private Navigation() {
    }

    private static List<Item> items(ObjectType... types) {
        return java.util.Arrays.stream(types).map(Navigation::item).toList();
    }

    private static Item item(ObjectType t) {
        return new Item(t.plural(), t.listHref(), t.slug());
    }
}

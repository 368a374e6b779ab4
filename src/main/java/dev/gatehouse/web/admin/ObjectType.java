package dev.gatehouse.web.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of object the admin interface lists and edits, described by where the API keeps it; its fields, help
 * and constraints come from the API's own declaration of the object (the {@code Definition} of its create and
 * change operations), so the pages and the API cannot disagree.
 *
 * @param slug       the URL segment under {@code /if/admin/} ({@code users})
 * @param label      singular, for headings and buttons ({@code User})
 * @param plural     the list's heading ({@code Users})
 * @param apiPath    the API collection ({@code core/users/}); for a type with subtypes, the every-subtype listing
 * @param keyField   the view field that names an object in its API path ({@code slug} for applications)
 * @param refField   the view field other objects' references hold ({@code pk}); pickers submit it
 * @param titleField the view field shown as the object's name
 * @param columns    the list's columns
 * @param subtypes   for stages, policies and providers: each subtype's own API collection; empty otherwise
 * @param reference  the type name the definitions' references use for it ({@code flow}), or null
 * @param extras     what else its pages offer: more ways to create one, whether policies bind to it, and what its
 *                   page shows beyond its fields
 */
public record ObjectType(String slug, String label, String plural, String apiPath, String keyField, String refField,
                         String titleField, List<Column> columns, List<Subtype> subtypes, String reference,
                         Extras extras) {

    /**
     * More on a type's pages: links beside "Create" on its list ({@code Create with provider}), and whether
     * policies, groups and users bind to its objects (a link to their bindings on the object's page).
     */
    public record Extras(List<ObjectPage.Link> createLinks, boolean bindingTarget, Shown shown) {
        public static final Extras NONE = new Extras(List.of(), false);

        public Extras(List<ObjectPage.Link> createLinks, boolean bindingTarget) {
            this(createLinks, bindingTarget, (view, baseUrl) -> List.of());
        }
    }

    /**
     * What an object's page shows beyond its fields, made from its view and the base URL browsers reach this server
     * at: an invitation's link.
     */
    @FunctionalInterface
    public interface Shown {
        List<ObjectPage.Property> properties(Map<String, Object> view, String baseUrl);
    }

    /** A list column: a view field, its heading, and whether the API can order by it. */
    public record Column(String field, String heading, boolean sortable) {
        public static Column of(String field, String heading) {
            return new Column(field, heading, true);
        }

        public static Column unsorted(String field, String heading) {
            return new Column(field, heading, false);
        }
    }

    /**
     * A subtype: its name ({@code identification}), label, its own API collection, and the {@code meta_model_name}
     * by which the every-subtype listing names it.
     */
    public record Subtype(String name, String label, String apiPath, String metaModelName) {
    }

    public boolean hasSubtypes() {
        return !subtypes.isEmpty();
    }

    public Optional<Subtype> subtype(String name) {
        return subtypes.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The subtype of an object from the every-subtype listing. */
    public Optional<Subtype> subtypeOf(Map<String, Object> view) {
        Object model = view.get("meta_model_name");
        return subtypes.stream().filter(s -> s.metaModelName().equals(model)).findFirst();
    }

    /** Where the API keeps one object of this type, given its subtype (null when it has none). */
    public String itemPath(Subtype subtype, String key) {
        return (subtype == null ? apiPath : subtype.apiPath()) + key + "/";
    }

    /** The admin page of one object. */
    public String href(Object key) {
        return AdminInterface.ROOT + slug + "/" + key + "/";
    }

    public String listHref() {
        return AdminInterface.ROOT + slug + "/";
    }
}

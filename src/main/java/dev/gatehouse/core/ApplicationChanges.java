package dev.gatehouse.core;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.Optional;

/**
 * Fields to set on an application; {@code null} means "leave as is". {@code provider} is
 * {@code Optional.empty()} to unlink the provider; {@code policyEngineMode} is a {@link PolicyEngineMode}'s wire value. {@link #DEFINITION} declares the fields as requests give them.
 */
public record ApplicationChanges(String slug, String name, Optional<Long> provider, String metaLaunchUrl,
                                 String metaDescription, String metaPublisher, String metaIcon, String group,
                                 String policyEngineMode, Boolean openInNewTab) {
    public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(250)
            .help("The application's display name.");
    public static final Field<String> SLUG = Field.string("slug").required().notBlank()
            .pattern(Validation.SLUG, Validation.SLUG_MESSAGE).maxLength(50).help("Internal name, used in URLs.");
    public static final Field<Long> PROVIDER = Field.intRef("provider", "provider").nullable()
            .help("The provider that signs users in to the application; one application per provider.");
    public static final Field<String> META_LAUNCH_URL = Field.string("meta_launch_url").byDefault("")
            .label("Launch URL").help("Where the portal's tile opens; blank://blank hides the tile.");
    public static final Field<String> META_ICON = Field.string("meta_icon").byDefault("").label("Icon");
    public static final Field<String> META_DESCRIPTION = Field.string("meta_description").byDefault("")
            .label("Description");
    public static final Field<String> META_PUBLISHER = Field.string("meta_publisher").byDefault("").label("Publisher");
    public static final Field<String> POLICY_ENGINE_MODE = Field.choice("policy_engine_mode",
            PolicyEngineMode.class).byDefault(PolicyEngineMode.ANY).help("all: every binding must pass; any: one.");
    public static final Field<String> GROUP = Field.string("group").byDefault("")
            .help("Applications with the same group are shown together.");
    public static final Field<Boolean> OPEN_IN_NEW_TAB = Field.bool("open_in_new_tab").byDefault(false);

    public static final Definition<ApplicationChanges> DEFINITION = Definition.define("application", "Application")
            .field(NAME, SLUG, PROVIDER, META_LAUNCH_URL, META_ICON, META_DESCRIPTION, META_PUBLISHER,
                    POLICY_ENGINE_MODE, GROUP, OPEN_IN_NEW_TAB)
            .build(v -> new ApplicationChanges(v.get(SLUG), v.get(NAME), v.optional(PROVIDER), v.get(META_LAUNCH_URL),
                    v.get(META_DESCRIPTION), v.get(META_PUBLISHER), v.get(META_ICON), v.get(GROUP),
                    v.get(POLICY_ENGINE_MODE), v.get(OPEN_IN_NEW_TAB)));
}

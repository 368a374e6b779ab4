package dev.gatehouse.stage.invitation;

import dev.gatehouse.core.Validation;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or change of an invitation; null means "not given", and for the nullable {@code expires} and
 * {@code flow} an empty Optional means "set to none". {@link #DEFINITION} declares the fields as requests give them
 * (authentik's {@code InvitationSerializer}; {@code created_by} is the caller, never given).
 */
public record InvitationChanges(String name, Optional<Instant> expires, Boolean singleUse,
                                Map<String, Object> fixedData, Optional<UUID> flow) {
    public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(200)
            .pattern(Validation.SLUG, Validation.SLUG_MESSAGE)
            .help("A name to recognise the invitation by: letters, numbers, underscores or hyphens.");
    public static final Field<Instant> EXPIRES = Field.of("expires", Kind.DATE_TIME).nullable()
            .help("After this moment the link no longer works. Empty: it does not expire.");
    public static final Field<Map<String, Object>> FIXED_DATA = Field.object("fixed_data")
            .help("Optional fixed data to enforce on user enrollment: pre-fills the prompt fields of the same keys "
                    + "(email, name, …) and is written to the user like what they enter.");
    public static final Field<Boolean> SINGLE_USE = Field.bool("single_use").byDefault(false)
            .help("When enabled, the invitation will be deleted after usage: once an enrollment through it has "
                    + "created its user.");
    public static final Field<UUID> FLOW = Field.ref("flow", "flow").ofSubtype("enrollment").nullable()
            .help("When set, only the configured flow can use this invitation.");

    public static final Definition<InvitationChanges> DEFINITION = Definition.define("invitation", "Invitation")
            .field(NAME, EXPIRES, FIXED_DATA, SINGLE_USE, FLOW)
            .build(v -> new InvitationChanges(v.get(NAME), v.optional(EXPIRES), v.get(SINGLE_USE), v.get(FIXED_DATA),
                    v.optional(FLOW)));
}

package dev.gatehouse.core;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import java.time.Instant;
import java.util.Optional;

/**
 * Fields to set on a token; {@code null} means "leave as is" ({@code expires}: empty = no expiry date, allowed
 * only for non-expiring tokens). {@link #DEFINITION} declares the fields as requests give them.
 */
public record TokenChanges(String identifier, TokenIntent intent, Long user, String description,
                           Optional<Instant> expires, Boolean expiring) {
    public static final Field<String> IDENTIFIER = Field.string("identifier").required().notBlank()
            .pattern(Validation.SLUG, Validation.SLUG_MESSAGE).maxLength(255)
            .help("Unique name of the token; addresses it in the API.");
    public static final Field<TokenIntent> INTENT = Field.constant("intent", TokenIntent.class).byDefault(TokenIntent.API)
            .help("What the token may be used for; cannot change.");
    public static final Field<Long> USER = Field.intRef("user", "user").help("The owner; the caller when not given.");
    public static final Field<String> DESCRIPTION = Field.string("description").byDefault("");
    public static final Field<Instant> EXPIRES = Field.of("expires", Kind.DATE_TIME).nullable();
    public static final Field<Boolean> EXPIRING = Field.bool("expiring").byDefault(true);

    public static final Definition<TokenChanges> DEFINITION = Definition.define("token", "Token")
            .field(IDENTIFIER, INTENT, USER, DESCRIPTION, EXPIRES, EXPIRING)
            .build(v -> new TokenChanges(v.get(IDENTIFIER), v.get(INTENT), v.get(USER), v.get(DESCRIPTION),
                    v.optional(EXPIRES), v.get(EXPIRING)));
}

package dev.gatehouse.core;

import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The part of a provider create or update every kind shares: the {@code core_provider} row's name and flows,
 * and the outposts that serve it. Null means "not given"; {@code authenticationFlow} is Optional so it can be
 * cleared. A kind's changes record implements this, and its definition starts with these fields.
 */
public interface ProviderChanges {
    Field<String> NAME = Field.string("name").required().notBlank().maxLength(200);
    Field<UUID> AUTHORIZATION_FLOW = Field.ref("authorization_flow", "flow").ofSubtype("authorization").required()
            .help("The flow run when a user authorizes access through this provider.");
    Field<UUID> AUTHENTICATION_FLOW = Field.ref("authentication_flow", "flow").ofSubtype("authentication").nullable()
            .help("The flow run when an unauthenticated user arrives; the brand's when null.");
    Field<UUID> INVALIDATION_FLOW = Field.ref("invalidation_flow", "flow").ofSubtype("invalidation")
            .help("The flow run when a user logs out through this provider.");
    Field<List<UUID>> OUTPOST_SET = Field.refs("outpost_set", "outpost").label("Outposts")
            .help("The outposts serving this provider; the embedded outpost when not given on create.");

    String name();

    UUID authorizationFlow();

    /** Null when not given (or when the kind has none), empty to clear it. */
    default Optional<UUID> authenticationFlow() {
        return null;
    }

    UUID invalidationFlow();

    /** The outposts named, or null when not given (or when the kind is not served by outposts). */
    default List<UUID> outposts() {
        return null;
    }
}

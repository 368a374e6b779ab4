package dev.gatehouse.policy;

import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.definition.Reference;
import dev.gatehouse.definition.References;
import dev.gatehouse.policy.PolicyStore;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Answers a stage or policy config's reference checks from the stores of the current transaction. A stage
 * reference's subtype is a stage type name, or a prefix ending in {@code *} ({@code authenticator_*}).
 */
public record StoreReferences(DSLContext dsl) implements ConfigCheck.References, References {
    @Override
    public boolean exists(Reference reference, Object pk) {
        if (!(pk instanceof UUID id)) {
            return false;
        }
        return switch (reference.type()) {
            case "flow" -> flowExists(id);
            case "group" -> groupExists(id);
            case "policy" -> policyExists(id);
            case "stage" -> {
                String type = stageType(id);
                String want = reference.subtype();
                yield type != null && (want == null || (want.endsWith("*")
                        ? type.startsWith(want.substring(0, want.length() - 1)) : type.equals(want)));
            }
            // stages_prompt belongs to stage.prompt, which uses this package: asked by table, not through its store.
            case "prompt" -> dsl.fetchExists(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("stages_prompt")),
                    org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("uuid"), UUID.class).eq(id));
            default -> throw new IllegalArgumentException("no lookup for " + reference.type());
        };
    }

    @Override
    public boolean flowExists(UUID pk) {
        return new FlowStore(dsl).exists(pk);
    }

    @Override
    public String flowAuthentication(UUID pk) {
        return new FlowStore(dsl).byPk(pk).map(dev.gatehouse.flow.Flow::authentication).orElse(null);
    }

    @Override
    public String stageType(UUID pk) {
        return new StageStore(dsl).typeOf(pk);
    }

    @Override
    public boolean groupExists(UUID pk) {
        return new GroupStore(dsl).existing(Set.of(pk)).contains(pk);
    }

    @Override
    public boolean policyExists(UUID pk) {
        return new PolicyStore(dsl).exists(pk);
    }
}

package dev.gatehouse.flow;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.definition.Reference;
import dev.gatehouse.definition.References;
import dev.gatehouse.store.Stores;
import java.util.Set;
import java.util.UUID;

/**
 * Answers a stage or policy config's reference checks from the stores of the current transaction. A stage
 * reference's subtype is a stage type name, or a prefix ending in {@code *} ({@code authenticator_*}).
 */
public record StoreReferences(Stores s) implements ConfigCheck.References, References {
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
            default -> throw new IllegalArgumentException("no lookup for " + reference.type());
        };
    }

    @Override
    public boolean flowExists(UUID pk) {
        return s.flows().exists(pk);
    }

    @Override
    public String stageType(UUID pk) {
        return s.stages().typeOf(pk);
    }

    @Override
    public boolean groupExists(UUID pk) {
        return s.groups().existing(Set.of(pk)).contains(pk);
    }

    @Override
    public boolean policyExists(UUID pk) {
        return s.policies().exists(pk);
    }
}

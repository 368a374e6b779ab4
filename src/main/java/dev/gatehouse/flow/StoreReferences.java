package dev.gatehouse.flow;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.store.Stores;
import java.util.Set;
import java.util.UUID;

/** Answers a stage or policy config's reference checks from the stores of the current transaction. */
public record StoreReferences(Stores s) implements ConfigCheck.References {
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

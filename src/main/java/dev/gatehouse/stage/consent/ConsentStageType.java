package dev.gatehouse.stage.consent;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.List;
import java.util.Map;

/** Asks the user to agree before an application gets their data. */
public final class ConsentStageType implements StageType {
    public static final List<String> MODES = List.of("always_require", "permanent", "expiring");

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("mode", "always_require", "consent_expire_in", "weeks=4");
    }

    @Override
    public void validate(ConfigCheck c) {
        c.oneOf("mode", MODES);
        c.timedelta("consent_expire_in");
    }

    private static final ConsentStageView VIEW = new ConsentStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}

package dev.gatehouse.stage.consent;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.flow.engine.StageType;
import java.util.List;

/** Asks the user to agree before an application gets their data. */
public final class ConsentStageType implements StageType {
    public static final List<String> MODES = List.of("always_require", "permanent", "expiring");

    @Override
    public String name() {
        return "consent";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String mode, String consentExpireIn) {
        public static final Field<String> MODE = Field.oneOf("mode", MODES).byDefault("always_require")
                .help("always_require: ask every time; permanent: once; expiring: again after consent_expire_in.");
        public static final Field<String> CONSENT_EXPIRE_IN = Field.string("consent_expire_in").problem(Timedelta::problem).byDefault("weeks=4");

        public static final Definition<Config> DEFINITION = Definition.define("consent_stage", "ConsentStage")
                .field(MODE, CONSENT_EXPIRE_IN)
                .build(v -> new Config(v.value(MODE), v.value(CONSENT_EXPIRE_IN)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final ConsentStageView VIEW = new ConsentStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}

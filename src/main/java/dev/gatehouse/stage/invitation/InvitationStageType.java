package dev.gatehouse.stage.invitation;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageView;

/** Lets through the holders of an invitation link, with the invitation's fixed data put into the prompt data. */
public final class InvitationStageType implements StageType {
    private static final InvitationStageView VIEW = new InvitationStageView();

    @Override
    public String name() {
        return "invitation";
    }

    /** Invitations themselves live at {@code stages/invitation/invitations/}, so the stages have their own path. */
    @Override
    public String apiPath() {
        return "invitation/stages";
    }

    /** The stage's config as its view reads it; {@link #DEFINITION} declares each field once. */
    public record Config(boolean continueFlowWithoutInvitation) {
        public static final Field<Boolean> CONTINUE_FLOW_WITHOUT_INVITATION =
                Field.bool("continue_flow_without_invitation").byDefault(false)
                        .help("If this flag is set, this Stage will jump to the next Stage when no Invitation is "
                                + "given. By default this Stage will cancel the Flow when no invitation is given.");

        public static final Definition<Config> DEFINITION = Definition.define("invitation_stage", "InvitationStage")
                .field(CONTINUE_FLOW_WITHOUT_INVITATION)
                .build(v -> new Config(v.value(CONTINUE_FLOW_WITHOUT_INVITATION)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public StageView<?> view() {
        return VIEW;
    }
}

package dev.gatehouse.api.resources;

import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.FlowsApi.FlowView;
import dev.gatehouse.api.resources.UserViews.UserRef;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.stage.invitation.Invitation;
import dev.gatehouse.stage.invitation.InvitationChanges;
import dev.gatehouse.stage.invitation.InvitationService;
import dev.gatehouse.stage.invitation.InvitationStore;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code stages/invitation/invitations/} (CONTRACT.md "Email, invitations, prompts, recovery"): authentik's
 * invitation resource. {@code created_by} is the caller and read-only; {@code flow_obj} shows the flow
 * {@code flow} names. Filters {@code name}, {@code created_by__username}, {@code flow__slug}, as authentik.
 */
public final class InvitationsApi {
    private final Database db;
    private final InvitationService invitations;
    private final UserViews users;

    public InvitationsApi(Database db, InvitationService invitations, UserViews users) {
        this.db = db;
        this.invitations = invitations;
        this.users = users;
    }

    public record InvitationView(UUID pk, String name, Instant expires, Map<String, Object> fixedData,
                                 UserRef createdBy, boolean singleUse, UUID flow, FlowView flowObj, Instant created) {
    }

    public void register(Routes r) {
        r.crud("stages/invitation/invitations/", "invite_uuid", "stages_invitation_invitations", "invitation",
                InvitationChanges.DEFINITION, InvitationView.class, InvitationStore.LISTING.filterNames(),
                new Routes.Crud(this::list,
                        req -> view(invitations.create(req.actor(),
                                req.body().read(InvitationChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(invitations.update(req.actor(), find(req).pk(),
                                req.body().read(InvitationChanges.DEFINITION, write))),
                        req -> {
                            invitations.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new InvitationStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private Invitation find(ApiRequest req) {
        return new InvitationStore(db.dsl()).byPk(req.pathUuid("invite_uuid")).orElseThrow(NotFoundException::new);
    }

    private InvitationView view(Invitation i) {
        UserRef creator = new UserStore(db.dsl()).byPk(i.createdBy()).map(users::ref).orElse(null);
        FlowView flow = i.flow() == null ? null
                : new FlowStore(db.dsl()).byPk(i.flow()).map(f -> new FlowsApi(db, null).view(f)).orElse(null);
        return new InvitationView(i.pk(), i.name(), i.expires(), i.fixedData(), creator, i.singleUse(), i.flow(), flow,
                i.created());
    }
}

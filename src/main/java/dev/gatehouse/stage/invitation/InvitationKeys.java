package dev.gatehouse.stage.invitation;

import dev.gatehouse.flow.engine.ContextKey;

/**
 * The context keys the invitation stage puts (CONTRACT.md "Flow context keys"): {@code invitation}, the invitation
 * let through, kept by value with the plan (a record), so a stored plan still knows it when a racing enrollment has
 * already used it up; and authentik's {@code invitation_in_effect} for policies.
 */
public final class InvitationKeys {
    public static final ContextKey<Invitation> INVITATION = new ContextKey<>("invitation", Invitation.class);
    public static final ContextKey<Boolean> IN_EFFECT = new ContextKey<>("invitation_in_effect", Boolean.class);

    private InvitationKeys() {
    }
}

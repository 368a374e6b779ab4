-- Invitations (authentik's stages_invitation_invitation): a link /if/flow/<slug>/?itoken=<uuid> that lets someone
-- through an invitation stage, with data fixed in advance. Deleting the user who made one deletes it (as authentik);
-- deleting its flow leaves it usable in any flow (flow set to NULL, as authentik). A single-use invitation is
-- deleted when the enrollment it let through writes its user. Same rules as V1: types and syntax that both
-- PostgreSQL and H2 (PostgreSQL mode) accept; JSON documents are stored as text.
CREATE TABLE stages_invitation_invitation (
    invite_uuid   UUID PRIMARY KEY,
    name          VARCHAR NOT NULL,
    expires       TIMESTAMP WITH TIME ZONE,
    single_use    BOOLEAN NOT NULL DEFAULT FALSE,
    fixed_data    VARCHAR NOT NULL DEFAULT '{}',
    flow_id       UUID REFERENCES flows_flow (uuid) ON DELETE SET NULL,
    created_by_id BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    created       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_stages_invitation_invitation_expires ON stages_invitation_invitation (expires);
CREATE INDEX ix_stages_invitation_invitation_flow ON stages_invitation_invitation (flow_id);
CREATE INDEX ix_stages_invitation_invitation_created_by ON stages_invitation_invitation (created_by_id);

-- Flows, stages, flow-stage bindings, policies and policy bindings. Same rules as V1: types and
-- syntax that both PostgreSQL and H2 (PostgreSQL mode) accept; JSON documents are stored as text.

CREATE TABLE flows_flow (
    uuid               UUID PRIMARY KEY,
    slug               VARCHAR(50) NOT NULL,
    name               VARCHAR NOT NULL,
    title              VARCHAR NOT NULL,
    designation        VARCHAR(100) NOT NULL,
    authentication     VARCHAR(100) NOT NULL DEFAULT 'none',
    denied_action      VARCHAR(20) NOT NULL DEFAULT 'message_continue',
    layout             VARCHAR(20) NOT NULL DEFAULT 'stacked',
    policy_engine_mode VARCHAR(3) NOT NULL DEFAULT 'any',
    compatibility_mode BOOLEAN NOT NULL DEFAULT FALSE,
    background         VARCHAR NOT NULL DEFAULT '',
    created            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_flows_flow_slug UNIQUE (slug),
    CONSTRAINT ck_flows_flow_designation CHECK (designation IN ('authentication', 'authorization', 'invalidation',
        'enrollment', 'unenrollment', 'recovery', 'stage_configuration')),
    CONSTRAINT ck_flows_flow_authentication CHECK (authentication IN ('none', 'require_authenticated',
        'require_unauthenticated', 'require_superuser', 'require_outpost')),
    CONSTRAINT ck_flows_flow_denied_action CHECK (denied_action IN ('message_continue', 'message', 'continue')),
    CONSTRAINT ck_flows_flow_layout CHECK (layout IN ('stacked', 'content_left', 'content_right', 'sidebar_left',
        'sidebar_right')),
    CONSTRAINT ck_flows_flow_mode CHECK (policy_engine_mode IN ('any', 'all'))
);

-- One table for every stage type: the type names a registry entry (dev.gatehouse.stage) that owns the
-- shape of the JSON config, so a new stage type needs no migration.
CREATE TABLE flows_stage (
    uuid       UUID PRIMARY KEY,
    name       VARCHAR NOT NULL,
    stage_type VARCHAR(100) NOT NULL,
    config     VARCHAR NOT NULL DEFAULT '{}',
    created    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_flows_stage_name UNIQUE (name)
);
CREATE INDEX ix_flows_stage_type ON flows_stage (stage_type);

CREATE TABLE flows_flowstagebinding (
    uuid                    UUID PRIMARY KEY,
    target_flow             UUID NOT NULL REFERENCES flows_flow (uuid) ON DELETE CASCADE,
    stage_uuid              UUID NOT NULL REFERENCES flows_stage (uuid) ON DELETE CASCADE,
    binding_order           INTEGER NOT NULL,
    evaluate_on_plan        BOOLEAN NOT NULL DEFAULT FALSE,
    re_evaluate_policies    BOOLEAN NOT NULL DEFAULT TRUE,
    invalid_response_action VARCHAR(25) NOT NULL DEFAULT 'retry',
    policy_engine_mode      VARCHAR(3) NOT NULL DEFAULT 'any',
    CONSTRAINT uq_flows_flowstagebinding_order UNIQUE (target_flow, binding_order),
    CONSTRAINT ck_flows_flowstagebinding_action CHECK (invalid_response_action IN ('retry', 'restart',
        'restart_with_context')),
    CONSTRAINT ck_flows_flowstagebinding_mode CHECK (policy_engine_mode IN ('any', 'all'))
);
CREATE INDEX ix_flows_flowstagebinding_stage ON flows_flowstagebinding (stage_uuid);

CREATE TABLE policies_policy (
    uuid              UUID PRIMARY KEY,
    name              VARCHAR NOT NULL,
    policy_type       VARCHAR(100) NOT NULL,
    config            VARCHAR NOT NULL DEFAULT '{}',
    execution_logging BOOLEAN NOT NULL DEFAULT FALSE,
    created           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_policies_policy_name UNIQUE (name),
    CONSTRAINT ck_policies_policy_type CHECK (policy_type IN ('expression', 'password', 'password_expiry',
        'reputation', 'geoip', 'event_matcher', 'dummy'))
);

-- The target is one of three kinds, each a real foreign key so that deleting a flow, a flow-stage
-- binding or an application deletes the policy bindings on it.
CREATE TABLE policies_policybinding (
    uuid               UUID PRIMARY KEY,
    target_flow        UUID REFERENCES flows_flow (uuid) ON DELETE CASCADE,
    target_binding     UUID REFERENCES flows_flowstagebinding (uuid) ON DELETE CASCADE,
    target_application UUID REFERENCES core_application (uuid) ON DELETE CASCADE,
    policy_uuid        UUID REFERENCES policies_policy (uuid) ON DELETE CASCADE,
    group_uuid         UUID REFERENCES core_group (uuid) ON DELETE CASCADE,
    user_id            BIGINT REFERENCES core_user (id) ON DELETE CASCADE,
    negate             BOOLEAN NOT NULL DEFAULT FALSE,
    enabled            BOOLEAN NOT NULL DEFAULT TRUE,
    binding_order      INTEGER NOT NULL,
    timeout            INTEGER NOT NULL DEFAULT 30,
    failure_result     BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT ck_policies_policybinding_target CHECK ((CASE WHEN target_flow IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN target_binding IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN target_application IS NULL THEN 0 ELSE 1 END) = 1),
    CONSTRAINT ck_policies_policybinding_subject CHECK ((CASE WHEN policy_uuid IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN group_uuid IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) = 1),
    CONSTRAINT ck_policies_policybinding_timeout CHECK (timeout >= 0)
);
CREATE INDEX ix_policies_policybinding_flow ON policies_policybinding (target_flow);
CREATE INDEX ix_policies_policybinding_binding ON policies_policybinding (target_binding);
CREATE INDEX ix_policies_policybinding_app ON policies_policybinding (target_application);
CREATE INDEX ix_policies_policybinding_policy ON policies_policybinding (policy_uuid);

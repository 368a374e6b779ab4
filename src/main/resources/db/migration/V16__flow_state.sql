-- Flow plans in progress, so any process of a cluster (and a restarted one) continues any flow. Same rules as V1:
-- types and syntax that both PostgreSQL and H2 (PostgreSQL mode) accept. The browser's flow key never reaches the
-- database: a plan is found by the SHA-256 (hex) of its key and flow slug. The plan itself is sealed (AES-256-GCM
-- under SECRET_KEY, bound to its key hash): its context may hold secrets being enrolled and codes to hand over.
-- A plan idle for 30 minutes expires; expired rows are deleted.

CREATE TABLE flows_plan_state (
    key_hash  CHAR(64) PRIMARY KEY,
    flow_id   UUID NOT NULL REFERENCES flows_flow (uuid) ON DELETE CASCADE,
    state     VARCHAR NOT NULL,
    expires   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_flows_plan_state_expires ON flows_plan_state (expires);
CREATE INDEX ix_flows_plan_state_flow ON flows_plan_state (flow_id);

-- Account lockdown. Same rules as V1: syntax that both PostgreSQL and H2 (PostgreSQL mode) accept.
-- The brand's lockdown flow (authentik's Brand.flow_lockdown), planned by core/users/account_lockdown/.
ALTER TABLE core_brand ADD COLUMN flow_lockdown UUID;

-- The user a stored or parked flow plan is for (its pending user), so a lockdown ends the user's flows in progress
-- and its ?flow_token= links. Null for a plan that has no user yet; no foreign key: a plan outlives nothing.
ALTER TABLE flows_plan_state ADD COLUMN user_id BIGINT;
CREATE INDEX ix_flows_plan_state_user ON flows_plan_state (user_id);

-- authentik keeps a flow's stage bindings unique on (target, stage, order), not (target, order): two different
-- stages may share an order for a moment while an admin re-orders them (seed 004 binds the MFA validation at 2,
-- then moves the login stage from 2 to 3). The same stage bound twice at one order stays refused.
ALTER TABLE flows_flowstagebinding DROP CONSTRAINT uq_flows_flowstagebinding_order;
ALTER TABLE flows_flowstagebinding ADD CONSTRAINT uq_flows_flowstagebinding_stage_order
    UNIQUE (target_flow, stage_uuid, binding_order);

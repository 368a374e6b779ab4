-- Notifications (dev.gatehouse.notification), authentik's NotificationTransport, NotificationRule and Notification.
-- Same rules as V1: types and syntax that both PostgreSQL and H2 (PostgreSQL mode) accept.
-- A transport's webhook_secret (Gatehouse's own: it signs the webhook body) is sealed (AES-256-GCM under SECRET_KEY,
-- bound to the transport's uuid); '' when there is none.
CREATE TABLE events_notificationtransport (
    uuid            UUID PRIMARY KEY,
    name            VARCHAR NOT NULL,
    mode            VARCHAR(16) NOT NULL DEFAULT 'local',
    webhook_url     VARCHAR NOT NULL DEFAULT '',
    webhook_secret  VARCHAR NOT NULL DEFAULT '',
    send_once       BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_events_notificationtransport_name UNIQUE (name),
    CONSTRAINT ck_events_notificationtransport_mode CHECK (mode IN ('local', 'webhook', 'webhook_slack', 'email'))
);

CREATE TABLE events_notificationrule (
    uuid                    UUID PRIMARY KEY,
    name                    VARCHAR NOT NULL,
    severity                VARCHAR(8) NOT NULL DEFAULT 'notice',
    destination_group       UUID REFERENCES core_group (uuid) ON DELETE SET NULL,
    destination_event_user  BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_events_notificationrule_name UNIQUE (name),
    CONSTRAINT ck_events_notificationrule_severity CHECK (severity IN ('notice', 'warning', 'alert'))
);

CREATE TABLE events_notificationrule_transports (
    rule_uuid       UUID NOT NULL REFERENCES events_notificationrule (uuid) ON DELETE CASCADE,
    transport_uuid  UUID NOT NULL REFERENCES events_notificationtransport (uuid) ON DELETE CASCADE,
    PRIMARY KEY (rule_uuid, transport_uuid)
);
CREATE INDEX ix_events_notificationrule_transports_transport ON events_notificationrule_transports (transport_uuid);

-- What the local transport shows a user; the event stays linked while it exists.
CREATE TABLE events_notification (
    uuid        UUID PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    event_uuid  UUID REFERENCES events_event (uuid) ON DELETE SET NULL,
    severity    VARCHAR(8) NOT NULL,
    body        VARCHAR NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    seen        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_events_notification_user ON events_notification (user_id, created);

-- Notification rules are policy-binding targets, as flows, flow-stage bindings and applications are.
ALTER TABLE policies_policybinding ADD COLUMN target_notification_rule UUID
    REFERENCES events_notificationrule (uuid) ON DELETE CASCADE;
ALTER TABLE policies_policybinding DROP CONSTRAINT ck_policies_policybinding_target;
ALTER TABLE policies_policybinding ADD CONSTRAINT ck_policies_policybinding_target CHECK (
    (CASE WHEN target_flow IS NULL THEN 0 ELSE 1 END)
    + (CASE WHEN target_binding IS NULL THEN 0 ELSE 1 END)
    + (CASE WHEN target_application IS NULL THEN 0 ELSE 1 END)
    + (CASE WHEN target_notification_rule IS NULL THEN 0 ELSE 1 END) = 1);
CREATE INDEX ix_policies_policybinding_rule ON policies_policybinding (target_notification_rule);

-- The durable work of notifications, drained by one process per row (the same claim as mail_queue):
-- kind 'route': an event just recorded (written in the event's own transaction), to be matched against the rules;
-- kind 'deliver': one notification for one transport (and one recipient; send_once: the first), to be sent.
-- status: queued (next_attempt says when) → sending (claimed_by holds it until claimed_until) → deleted once done,
-- back to queued after a failed try, or failed once the tries are used up (kept 30 days with its error).
CREATE TABLE events_notificationqueue (
    id              UUID PRIMARY KEY,
    kind            VARCHAR(8) NOT NULL,
    event_uuid      UUID NOT NULL REFERENCES events_event (uuid) ON DELETE CASCADE,
    rule_uuid       UUID REFERENCES events_notificationrule (uuid) ON DELETE CASCADE,
    transport_uuid  UUID REFERENCES events_notificationtransport (uuid) ON DELETE CASCADE,
    user_id         BIGINT REFERENCES core_user (id) ON DELETE CASCADE,
    status          VARCHAR(10) NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt    TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(100),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR,
    created         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_events_notificationqueue_kind CHECK (kind IN ('route', 'deliver')),
    CONSTRAINT ck_events_notificationqueue_status CHECK (status IN ('queued', 'sending', 'failed'))
);
CREATE INDEX ix_events_notificationqueue_status_next ON events_notificationqueue (status, next_attempt);

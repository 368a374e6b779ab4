-- Outgoing mail waiting for the background sender (dev.gatehouse.mail), so a restart loses none. Same rules as V1:
-- types and syntax that both PostgreSQL and H2 (PostgreSQL mode) accept. Each row carries the SMTP settings it is
-- sent with (the global EMAIL__* ones or an email stage's own). The bodies (they hold single-use links) and the
-- SMTP password are sealed (AES-256-GCM under SECRET_KEY, bound to the row's id); a sent message's row is deleted
-- (its email_sent event stays), a failed one keeps only its recipient, subject and error.
-- status: queued (next_attempt says when) → sending (claimed_by holds it until claimed_until, so two processes
-- never send one message, and one left behind by a crashed process is taken again after that) → deleted once sent,
-- back to queued after a failed attempt, or failed once the attempts are used up.
CREATE TABLE mail_queue (
    id             UUID PRIMARY KEY,
    recipient      VARCHAR(320) NOT NULL,
    subject        VARCHAR NOT NULL,
    body_html      VARCHAR NOT NULL,
    body_text      VARCHAR NOT NULL,
    smtp_host      VARCHAR(255) NOT NULL,
    smtp_port      INTEGER NOT NULL,
    smtp_username  VARCHAR(255) NOT NULL DEFAULT '',
    smtp_password  VARCHAR NOT NULL DEFAULT '',
    smtp_use_tls   BOOLEAN NOT NULL,
    smtp_use_ssl   BOOLEAN NOT NULL,
    smtp_timeout   INTEGER NOT NULL,
    smtp_from      VARCHAR(320) NOT NULL,
    status         VARCHAR(10) NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt   TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by     VARCHAR(64),
    claimed_until  TIMESTAMP WITH TIME ZONE,
    last_error     VARCHAR,
    created        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_mail_queue_status CHECK (status IN ('queued', 'sending', 'failed'))
);
CREATE INDEX ix_mail_queue_status_next ON mail_queue (status, next_attempt);

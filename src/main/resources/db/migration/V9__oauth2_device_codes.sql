-- OAuth 2.0 Device Authorization Grant (RFC 8628): one row per device authorization request. The device
-- code (high entropy) and the user code (short, typed by a person) are stored as SHA-256 hashes only
-- (DESIGN.md point 9); the user code is unique so an entered code names exactly one request.
-- status: pending → approved (the user allowed it) or denied (the user declined) → redeemed (tokens issued).
-- poll_interval and next_poll pace the device's polling (RFC 8628 §3.5 slow_down).
CREATE TABLE oauth2_device_code (
    device_code_hash VARCHAR(64) PRIMARY KEY,
    user_code_hash   VARCHAR(64) NOT NULL,
    family           UUID NOT NULL,
    provider_id      BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    scope            VARCHAR NOT NULL,
    status           VARCHAR(10) NOT NULL,
    user_id          BIGINT REFERENCES core_user (id) ON DELETE CASCADE,
    auth_time        TIMESTAMP WITH TIME ZONE,
    session_hash     VARCHAR(64),
    amr              VARCHAR(200) NOT NULL DEFAULT '',
    poll_interval    INTEGER NOT NULL,
    next_poll        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires          TIMESTAMP WITH TIME ZONE NOT NULL,
    created          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_oauth2_device_code_user_code UNIQUE (user_code_hash),
    CONSTRAINT ck_oauth2_device_code_status CHECK (status IN ('pending', 'approved', 'denied', 'redeemed'))
);
CREATE INDEX ix_oauth2_device_code_expires ON oauth2_device_code (expires);

-- Browser sessions. Same rules as V1: types and syntax that both PostgreSQL and H2 (PostgreSQL mode)
-- accept. The session key never reaches the database: only its SHA-256 (hex) is stored and looked up.

CREATE TABLE core_authenticated_session (
    uuid       UUID PRIMARY KEY,
    key_hash   CHAR(64) NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    created    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires    TIMESTAMP WITH TIME ZONE NOT NULL,
    client_ip  VARCHAR(64),
    user_agent VARCHAR NOT NULL DEFAULT '',
    data       VARCHAR NOT NULL DEFAULT '{}',
    CONSTRAINT uq_core_authenticated_session_key_hash UNIQUE (key_hash)
);
CREATE INDEX ix_core_authenticated_session_user ON core_authenticated_session (user_id);
CREATE INDEX ix_core_authenticated_session_expires ON core_authenticated_session (expires);

-- What an OAuth2 provider issued. Secrets are stored as SHA-256 hashes only (DESIGN.md point 9).
-- A family is every code and token that came from one authorization: reusing a code or a rotated refresh
-- token revokes the whole family.
CREATE TABLE oauth2_code (
    code_hash             VARCHAR(64) PRIMARY KEY,
    family                UUID NOT NULL,
    provider_id           BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    user_id               BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    redirect_uri          VARCHAR NOT NULL,
    scope                 VARCHAR NOT NULL,
    nonce                 VARCHAR(1024),
    code_challenge        VARCHAR(256),
    code_challenge_method VARCHAR(10),
    auth_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    session_hash          VARCHAR(64),
    amr                   VARCHAR(200) NOT NULL DEFAULT '',
    expires               TIMESTAMP WITH TIME ZONE NOT NULL,
    used                  BOOLEAN NOT NULL DEFAULT FALSE,
    created               TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE oauth2_token (
    token_hash   VARCHAR(64) PRIMARY KEY,
    kind         VARCHAR(10) NOT NULL,
    family       UUID NOT NULL,
    provider_id  BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    scope        VARCHAR NOT NULL,
    auth_time    TIMESTAMP WITH TIME ZONE,
    session_hash VARCHAR(64),
    amr          VARCHAR(200) NOT NULL DEFAULT '',
    expires      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked      BOOLEAN NOT NULL DEFAULT FALSE,
    rotated      BOOLEAN NOT NULL DEFAULT FALSE,
    created      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_oauth2_token_kind CHECK (kind IN ('access', 'refresh'))
);
CREATE INDEX ix_oauth2_token_family ON oauth2_token (family);
CREATE INDEX ix_oauth2_token_expires ON oauth2_token (expires);
CREATE INDEX ix_oauth2_code_expires ON oauth2_code (expires);

-- Proxy providers, outposts and forward-auth sessions. Same rules as V1: types and syntax that both
-- PostgreSQL and H2 (PostgreSQL mode) accept.

-- A proxy provider is an OAuth2 client of this server (as in authentik, where ProxyProvider extends
-- OAuth2Provider): its client id, secret, redirect URI and token settings live in providers_oauth2; this
-- table holds what only the proxy needs.
CREATE TABLE providers_proxy (
    provider_id                   BIGINT PRIMARY KEY REFERENCES core_provider (id) ON DELETE CASCADE,
    mode                          VARCHAR(20) NOT NULL,
    external_host                 VARCHAR NOT NULL,
    internal_host                 VARCHAR NOT NULL DEFAULT '',
    internal_host_ssl_validation  BOOLEAN NOT NULL DEFAULT TRUE,
    cookie_domain                 VARCHAR(255) NOT NULL DEFAULT '',
    skip_path_regex               VARCHAR NOT NULL DEFAULT '',
    basic_auth_enabled            BOOLEAN NOT NULL DEFAULT FALSE,
    basic_auth_user_attribute     VARCHAR NOT NULL DEFAULT '',
    basic_auth_password_attribute VARCHAR NOT NULL DEFAULT '',
    intercept_header_auth         BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT ck_providers_proxy_mode CHECK (mode IN ('proxy', 'forward_single', 'forward_domain'))
);

-- Outposts serve providers: the embedded one (managed) serves the proxy providers in its list.
CREATE TABLE outposts_outpost (
    uuid    UUID PRIMARY KEY,
    name    VARCHAR(200) NOT NULL,
    type    VARCHAR(20) NOT NULL,
    managed VARCHAR(200),
    config  VARCHAR NOT NULL DEFAULT '{}',
    created TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_outposts_outpost_name UNIQUE (name),
    CONSTRAINT uq_outposts_outpost_managed UNIQUE (managed),
    CONSTRAINT ck_outposts_outpost_type CHECK (type IN ('proxy', 'ldap', 'radius'))
);

CREATE TABLE outposts_outpost_provider (
    outpost_uuid UUID NOT NULL REFERENCES outposts_outpost (uuid) ON DELETE CASCADE,
    provider_id  BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    PRIMARY KEY (outpost_uuid, provider_id)
);
CREATE INDEX ix_outposts_outpost_provider_provider ON outposts_outpost_provider (provider_id);

-- A signed-in browser at a protected application (cookie gatehouse_proxy_<8 hex>). Only the SHA-256 of the
-- cookie's key is stored. It hangs off the browser session it was signed in with: deleting that session
-- (logout, the sessions API, account lockdown) or the user deletes it too.
CREATE TABLE proxy_session (
    uuid         UUID PRIMARY KEY,
    key_hash     CHAR(64) NOT NULL,
    provider_id  BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    session_uuid UUID NOT NULL REFERENCES core_authenticated_session (uuid) ON DELETE CASCADE,
    token_family UUID NOT NULL,
    scope        VARCHAR NOT NULL DEFAULT '',
    auth_time    TIMESTAMP WITH TIME ZONE,
    amr          VARCHAR(200) NOT NULL DEFAULT '',
    created      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_proxy_session_key_hash UNIQUE (key_hash)
);
CREATE INDEX ix_proxy_session_user ON proxy_session (user_id);
CREATE INDEX ix_proxy_session_session ON proxy_session (session_uuid);
CREATE INDEX ix_proxy_session_expires ON proxy_session (expires);

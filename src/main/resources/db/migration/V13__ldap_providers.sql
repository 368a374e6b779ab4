-- LDAP providers (CONTRACT.md "LDAP outpost"). Same rules as V1: types and syntax that both PostgreSQL and
-- H2 (PostgreSQL mode) accept. The bind flow is core_provider.authorization_flow.
CREATE TABLE providers_ldap (
    provider_id      BIGINT PRIMARY KEY REFERENCES core_provider (id) ON DELETE CASCADE,
    base_dn          VARCHAR NOT NULL DEFAULT 'DC=ldap,DC=goauthentik,DC=io',
    bind_mode        VARCHAR(10) NOT NULL DEFAULT 'direct',
    search_mode      VARCHAR(10) NOT NULL DEFAULT 'direct',
    uid_start_number INTEGER NOT NULL DEFAULT 2000,
    gid_start_number INTEGER NOT NULL DEFAULT 4000,
    mfa_support      BOOLEAN NOT NULL DEFAULT TRUE,
    certificate      UUID REFERENCES crypto_certificatekeypair (uuid) ON DELETE SET NULL,
    tls_server_name  VARCHAR NOT NULL DEFAULT '',
    CONSTRAINT ck_providers_ldap_bind_mode CHECK (bind_mode IN ('direct', 'cached')),
    CONSTRAINT ck_providers_ldap_search_mode CHECK (search_mode IN ('direct', 'cached'))
);

-- Who may search the provider's full directory (authentik's search_full_directory permission): a user, or
-- every member (directly or through child groups) of a group. Exactly one of user_id / group_uuid is set.
CREATE TABLE providers_ldap_search_access (
    provider_id BIGINT NOT NULL REFERENCES core_provider (id) ON DELETE CASCADE,
    user_id     BIGINT REFERENCES core_user (id) ON DELETE CASCADE,
    group_uuid  UUID REFERENCES core_group (uuid) ON DELETE CASCADE,
    CONSTRAINT ck_providers_ldap_search_access_one CHECK ((user_id IS NULL) <> (group_uuid IS NULL))
);
CREATE INDEX ix_providers_ldap_search_access_provider ON providers_ldap_search_access (provider_id);

-- The OAuth2 / OpenID Connect provider kind's own configuration (one row per core_provider of kind oauth2).
CREATE TABLE providers_oauth2 (
    provider_id                BIGINT PRIMARY KEY REFERENCES core_provider (id) ON DELETE CASCADE,
    client_type                VARCHAR(20) NOT NULL,
    client_id                  VARCHAR(255) NOT NULL,
    client_secret              VARCHAR(255) NOT NULL,
    redirect_uris              VARCHAR NOT NULL DEFAULT '[]',
    signing_key                UUID,
    access_code_validity       VARCHAR(100) NOT NULL,
    access_token_validity      VARCHAR(100) NOT NULL,
    refresh_token_validity     VARCHAR(100) NOT NULL,
    sub_mode                   VARCHAR(30) NOT NULL,
    include_claims_in_id_token BOOLEAN NOT NULL,
    issuer_mode                VARCHAR(20) NOT NULL,
    property_mappings          VARCHAR NOT NULL DEFAULT '[]',
    CONSTRAINT uq_providers_oauth2_client_id UNIQUE (client_id),
    CONSTRAINT ck_providers_oauth2_client_type CHECK (client_type IN ('confidential', 'public'))
);

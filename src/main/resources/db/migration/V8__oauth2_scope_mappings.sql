-- Scope mappings (authentik's ScopeMapping property mappings): a CEL expression per scope whose map result
-- is merged into the claims of tokens and userinfo.
CREATE TABLE oauth2_scope_mapping (
    uuid        UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    scope_name  VARCHAR(200) NOT NULL,
    description VARCHAR(500) NOT NULL DEFAULT '',
    expression  VARCHAR NOT NULL,
    managed     VARCHAR(200),
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_oauth2_scope_mapping_name UNIQUE (name),
    CONSTRAINT uq_oauth2_scope_mapping_managed UNIQUE (managed)
);

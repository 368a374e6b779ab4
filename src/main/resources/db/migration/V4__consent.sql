-- Consent given by a user to an application (consent stage, modes permanent and expiring).
CREATE TABLE stages_consent_userconsent (
    uuid        UUID PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES core_user (id) ON DELETE CASCADE,
    application UUID NOT NULL REFERENCES core_application (uuid) ON DELETE CASCADE,
    permissions VARCHAR NOT NULL DEFAULT '',
    expires     TIMESTAMP WITH TIME ZONE,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_stages_consent_userconsent_user_application UNIQUE (user_id, application)
);

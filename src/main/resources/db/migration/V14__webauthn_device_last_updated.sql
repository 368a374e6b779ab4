-- WebAuthn devices join the shared device rows of V11 (id, user_id, name, confirmed, created, last_updated,
-- last_used): the one column they lacked, last_updated (when the device was last renamed), starts as created.
ALTER TABLE authenticators_webauthn_device ADD COLUMN last_updated TIMESTAMP WITH TIME ZONE;
UPDATE authenticators_webauthn_device SET last_updated = created;
ALTER TABLE authenticators_webauthn_device ALTER COLUMN last_updated SET NOT NULL;

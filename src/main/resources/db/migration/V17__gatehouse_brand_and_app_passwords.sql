-- The default brand says "Gatehouse", and the default password stage also checks app passwords, as authentik's
-- default blueprint lists (InbuiltBackend, TokenBackend). Each change applies only where the old bootstrap default
-- is still in place: a title or a backends list an admin edited is left as it is. Same rules as V1: syntax that
-- both PostgreSQL and H2 (PostgreSQL mode) accept; stage configs are compact JSON text (dev.gatehouse.core.Json).

UPDATE core_brand SET branding_title = 'Gatehouse'
WHERE is_default = TRUE AND branding_title = 'authentik';

ALTER TABLE core_brand ALTER COLUMN branding_title SET DEFAULT 'Gatehouse';

UPDATE flows_flow SET title = 'Welcome to Gatehouse!'
WHERE slug IN ('default-authentication-flow', 'initial-setup') AND title = 'Welcome to authentik!';

-- Before this version TokenBackend was accepted but never checked, so a list of only InbuiltBackend on the
-- bootstrap's stage is the default it was created with, not a choice against app passwords.
UPDATE flows_stage
SET config = REPLACE(config, '"backends":["authentik.core.auth.InbuiltBackend"]',
                     '"backends":["authentik.core.auth.InbuiltBackend","authentik.core.auth.TokenBackend"]')
WHERE name = 'default-authentication-password' AND stage_type = 'password'
  AND config LIKE '%"backends":["authentik.core.auth.InbuiltBackend"]%';

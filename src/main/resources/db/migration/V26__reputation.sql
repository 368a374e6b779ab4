-- Reputation scores (authentik's policies_reputation_reputation). Same rules as V1: syntax that both PostgreSQL and
-- H2 (PostgreSQL mode) accept. One row per (identifier, ip): failed sign-ins lower the score, successful ones raise
-- it; the row expires a while after its last change (housekeeping deletes it).
CREATE TABLE policies_reputation_reputation (
    reputation_uuid UUID PRIMARY KEY,
    identifier      VARCHAR NOT NULL,
    ip              VARCHAR(64) NOT NULL,
    score           BIGINT NOT NULL DEFAULT 0,
    updated         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_policies_reputation_identifier_ip UNIQUE (identifier, ip)
);
CREATE INDEX ix_policies_reputation_ip ON policies_reputation_reputation (ip);
CREATE INDEX ix_policies_reputation_expires ON policies_reputation_reputation (expires);

-- System settings (authentik's "System → Settings", one per installation): what users may change about
-- themselves, retention, token defaults, footer links. One row (id 1); the document holds only the values an
-- admin set, as JSON, and every other setting reads as its declared default. Same rules as V1: types and syntax
-- that both PostgreSQL and H2 (PostgreSQL mode) accept.
CREATE TABLE gatehouse_system_settings (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings VARCHAR NOT NULL DEFAULT '{}',
    updated  TIMESTAMP WITH TIME ZONE
);
INSERT INTO gatehouse_system_settings (id, settings) VALUES (1, '{}');

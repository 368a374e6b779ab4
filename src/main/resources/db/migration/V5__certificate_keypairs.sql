-- Certificate-key pairs (authentik's CertificateKeyPair): signing keys for OAuth2/OIDC, SAML, TLS.
-- certificate_data: the PEM certificate (leaf first, then any chain). key_data: the PKCS#8 PEM private
-- key sealed with AES-256-GCM under a key derived from SECRET_KEY ("v1:" + base64(nonce || ciphertext));
-- NULL for a certificate-only pair. The other columns are facts read from the certificate once, on write.
CREATE TABLE crypto_certificatekeypair (
    uuid               UUID PRIMARY KEY,
    name               VARCHAR(255) NOT NULL,
    certificate_data   VARCHAR NOT NULL,
    key_data           VARCHAR,
    key_type           VARCHAR(16) NOT NULL,
    fingerprint_sha256 VARCHAR(95) NOT NULL,
    fingerprint_sha1   VARCHAR(59) NOT NULL,
    cert_subject       VARCHAR NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    managed            VARCHAR(200),
    created            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_crypto_certificatekeypair_name UNIQUE (name),
    CONSTRAINT uq_crypto_certificatekeypair_managed UNIQUE (managed),
    CONSTRAINT ck_crypto_certificatekeypair_key_type CHECK (key_type IN ('rsa', 'ecdsa', 'ed25519', 'ed448'))
);

-- OAuth2 client secrets are stored sealed (AES-256-GCM under SECRET_KEY, "v1:" + base64 of nonce, ciphertext and
-- tag): a secret of the 255 characters the API allows takes 383. The rows written before are sealed by the first
-- start of this version (Bootstrap), which holds the key that SQL cannot.
ALTER TABLE providers_oauth2 ALTER COLUMN client_secret SET DATA TYPE VARCHAR(512);

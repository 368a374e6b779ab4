package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;

/**
 * An import (PEM certificate chain and optional private key) or a rename of a certificate-key pair; null means
 * "not given". Key material cannot change once imported, so {@link #RENAME} declares the name alone.
 */
public record CertificateKeyPairChanges(String name, String certificateData, String keyData) {
    public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(255);
    public static final Field<String> CERTIFICATE_DATA = Field.string("certificate_data").required().writeOnly()
            .label("Certificate").help("The PEM certificate chain, leaf first.");
    public static final Field<String> KEY_DATA = Field.string("key_data").writeOnly().label("Private key")
            .help("The PEM private key; empty for a certificate-only pair.");

    public static final Definition<CertificateKeyPairChanges> DEFINITION = Definition
            .define("certificate_key_pair", "CertificateKeyPair")
            .field(NAME, CERTIFICATE_DATA, KEY_DATA)
            .build(v -> new CertificateKeyPairChanges(v.get(NAME), v.get(CERTIFICATE_DATA), v.get(KEY_DATA)));
    /** What a rename reads: the name alone. */
    public static final Definition<CertificateKeyPairChanges> RENAME = Definition
            .define("certificate_key_pair", "CertificateKeyPairRename")
            .field(NAME)
            .build(v -> new CertificateKeyPairChanges(v.get(NAME), null, null));
}

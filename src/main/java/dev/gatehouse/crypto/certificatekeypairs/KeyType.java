package dev.gatehouse.crypto.certificatekeypairs;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;

/** The kind of key a certificate carries, with authentik's wire names ({@code key_type}). */
public enum KeyType {
    RSA("rsa", "SHA256withRSA"),
    ECDSA("ecdsa", "SHA256withECDSA"),
    ED25519("ed25519", "Ed25519"),
    ED448("ed448", "Ed448");

    private final String wire;
    private final String signatureAlgorithm;

    KeyType(String wire, String signatureAlgorithm) {
        this.wire = wire;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String wire() {
        return wire;
    }

    /** A JCA signature algorithm for this key type (used to prove a private key matches its certificate). */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public static Optional<KeyType> parse(String wire) {
        for (KeyType t : values()) {
            if (t.wire.equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a public key; empty for kinds we do not handle (DSA, RSASSA-PSS-only keys, …). */
    public static Optional<KeyType> of(PublicKey key) {
        return switch (key) {
            case RSAPublicKey k -> Optional.of(RSA);
            case ECPublicKey k -> Optional.of(ECDSA);
            case EdECPublicKey k -> switch (k.getParams().getName().toUpperCase(Locale.ROOT)) {
                case "ED25519" -> Optional.of(ED25519);
                case "ED448" -> Optional.of(ED448);
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }
}

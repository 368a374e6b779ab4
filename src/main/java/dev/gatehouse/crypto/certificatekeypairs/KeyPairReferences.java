package dev.gatehouse.crypto.certificatekeypairs;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Something that may point at a certificate-key pair (an OAuth2 provider's signing key, a SAML provider's
 * signing or verification certificate, a brand's web certificate…). {@link CertificateKeyPairService#delete}
 * asks every registered one, inside its transaction, and refuses while any names a user.
 */
@FunctionalInterface
public interface KeyPairReferences {
    /** Human-readable names of what uses the pair ({@code OAuth2 provider "grafana"}); empty when nothing does. */
    List<String> usersOf(DSLContext dsl, UUID keyPair);
}

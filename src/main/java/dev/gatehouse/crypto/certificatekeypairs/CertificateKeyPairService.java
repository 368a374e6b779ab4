package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Certificate-key pairs: generate self-signed, import PEM, list, rename, delete, and reveal the certificate or
 * private key (each reveal is a {@code secret_view} event). Every change writes its event in the same
 * transaction. Key material is immutable once stored: to replace a key, import a new pair.
 */
public final class CertificateKeyPairService {
    public static final int MAX_VALIDITY_DAYS = 36_500;
    private static final String EXISTS = "Certificate-Key Pair with this name already exists.";
    /** A DNS name for a subject alternative name: labels of letters, digits, '-', '_', optionally "*." first. */
    private static final java.util.regex.Pattern DNS_NAME =
            java.util.regex.Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?");

    private final Database db;
    private final PrivateKeyCipher cipher;
    private final List<KeyPairReferences> references;

    public CertificateKeyPairService(Database db, PrivateKeyCipher cipher) {
        this(db, cipher, List.of());
    }

    public CertificateKeyPairService(Database db, PrivateKeyCipher cipher, List<KeyPairReferences> references) {
        this.db = db;
        this.cipher = cipher;
        this.references = List.copyOf(references);
    }

    /** authentik's {@code generate/} body: {@code alg} is {@code rsa} (default) or {@code ecdsa}. */
    public record Generation(String commonName, String subjectAltName, Integer validityDays, String alg) {
        public static final Field<String> COMMON_NAME = Field.string("common_name").required().notBlank().maxLength(64)
                .help("The certificate's subject; also the pair's name.");
        public static final Field<String> SUBJECT_ALT_NAME = Field.string("subject_alt_name")
                .help("DNS names or IP addresses, separated by commas.");
        public static final Field<Integer> VALIDITY_DAYS = Field.int32("validity_days").required().min(1).max(MAX_VALIDITY_DAYS)
                .help("Days the certificate is valid, at most " + MAX_VALIDITY_DAYS + ".");
        public static final Field<String> ALG = Field.string("alg").byDefault(KeyType.RSA.wire())
                .label("Algorithm").help("rsa or ecdsa.");

        public static final Definition<Generation> DEFINITION = Definition
                .define("certificate_generation", "CertificateGeneration")
                .field(COMMON_NAME, SUBJECT_ALT_NAME, VALIDITY_DAYS, ALG)
                .build(v -> new Generation(v.get(COMMON_NAME), v.get(SUBJECT_ALT_NAME), v.get(VALIDITY_DAYS),
                        v.get(ALG)));
    }

    /** A new self-signed pair named after its common name. */
    public CertificateKeyPair generate(Actor actor, Generation g) {
        Validation v = new Validation();
        v.required(g.commonName(), "common_name").required(g.validityDays(), "validity_days");
        Generation.DEFINITION.check(g, v::error);
        v.choice(g.alg(), List.of(KeyType.RSA.wire(), KeyType.ECDSA.wire()), "alg");
        List<String> sans = subjectAltNames(g.subjectAltName(), v);
        if (g.commonName() != null && store(db.dsl()).nameTaken(g.commonName(), null)) {
            v.error("common_name", EXISTS);
        }
        v.throwIfInvalid();
        KeyType alg = g.alg() == null ? KeyType.RSA : KeyType.parse(g.alg()).orElseThrow();
        KeyMaterial m = CertificateBuilder.selfSigned(alg, g.commonName(), sans, g.validityDays());
        return db.tx(dsl -> {
            if (store(dsl).nameTaken(g.commonName(), null)) {
                throw ValidationException.of("common_name", EXISTS);
            }
            return insert(dsl, cipher, actor, g.commonName(), m, null);
        });
    }

    /** Imports a PEM certificate (plus chain) and an optional PEM private key, which must belong to it. */
    public CertificateKeyPair importPem(Actor actor, String name, String certificatePem, String privateKeyPem) {
        Validation v = new Validation();
        v.required(name, "name");
        CertificateKeyPairChanges.DEFINITION.check(new CertificateKeyPairChanges(name, null, null), v::error);
        v.required(certificatePem, "certificate_data");
        KeyMaterial m = certificatePem == null ? null : KeyMaterial.parse(certificatePem, privateKeyPem, v);
        v.throwIfInvalid();
        return db.tx(dsl -> {
            if (store(dsl).nameTaken(name, null)) {
                throw ValidationException.of("name", EXISTS);
            }
            return insert(dsl, cipher, actor, name, m, null);
        });
    }

    public CertificateKeyPair rename(Actor actor, UUID pk, String name) {
        return db.tx(dsl -> {
            CertificateKeyPairStore store = store(dsl);
            CertificateKeyPair old = store.byPk(pk).orElseThrow(NotFoundException::new);
            Validation v = new Validation();
            CertificateKeyPairChanges.DEFINITION.check(new CertificateKeyPairChanges(name, null, null), v::error);
            if (name != null && !name.isBlank() && store.nameTaken(name, pk)) {
                v.error("name", EXISTS);
            }
            v.throwIfInvalid();
            if (name != null) {
                store.rename(pk, name);
            }
            CertificateKeyPair p = store.byPk(pk).orElseThrow();
            KeyPairEvents.model(dsl, "model_updated", actor, p);
            return p;
        });
    }

    /** Deletes a pair nothing uses; a used one is a 400 naming its users. */
    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            CertificateKeyPair p = store(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            List<String> users = new ArrayList<>();
            references.forEach(r -> users.addAll(r.usersOf(dsl, pk)));
            if (!users.isEmpty()) {
                throw ValidationException.of("non_field_errors",
                        "Certificate-Key Pair is in use by " + String.join(", ", users) + ".");
            }
            store(dsl).delete(pk);
            KeyPairEvents.model(dsl, "model_deleted", actor, p);
        });
    }

    public Optional<CertificateKeyPair> byPk(UUID pk) {
        return store(db.dsl()).byPk(pk);
    }

    public Optional<CertificateKeyPair> byManaged(String managed) {
        return store(db.dsl()).byManaged(managed);
    }

    public Page<CertificateKeyPair> list(PageRequest req) {
        return store(db.dsl()).list(req);
    }

    /** The certificate PEM, recorded as a {@code secret_view} of type {@code certificate} (as authentik). */
    public String viewCertificate(Actor actor, CertificateKeyPair p) {
        db.txRun(dsl -> KeyPairEvents.secretView(dsl, actor, p, "certificate"));
        return p.certificateData();
    }

    /** The private key PEM (PKCS#8), recorded as a {@code secret_view}; empty for a certificate-only pair. */
    public Optional<String> viewPrivateKey(Actor actor, CertificateKeyPair p) {
        if (!p.privateKeyAvailable()) {
            return Optional.empty();
        }
        String pem = cipher.open(p.pk(), p.sealedKey());
        db.txRun(dsl -> KeyPairEvents.secretView(dsl, actor, p, "private_key"));
        return Optional.of(pem);
    }

    /** The private key for signing (no event: the server uses it, nobody sees it). */
    public Optional<PrivateKey> privateKey(CertificateKeyPair p) {
        return p.privateKeyAvailable() ? Optional.of(Pem.privateKey(cipher.open(p.pk(), p.sealedKey())))
                : Optional.empty();
    }

    /** Writes a new pair and its {@code model_created} event; the caller runs it in its transaction. */
    static CertificateKeyPair insert(DSLContext dsl, PrivateKeyCipher cipher, Actor actor, String name,
                                     KeyMaterial m, String managed) {
        UUID pk = UUID.randomUUID();
        CertificateDetails d = m.details();
        String sealed = m.privateKey() == null ? null : cipher.seal(pk, Pem.privateKeyPem(m.privateKey()));
        CertificateKeyPair p = store(dsl).insert(new CertificateKeyPair(pk, name, Pem.certificatesPem(m.chain()),
                sealed, d.keyType(), d.fingerprintSha256(), d.fingerprintSha1(), d.subject(), d.notBefore(),
                d.notAfter(), managed, Instant.now()));
        KeyPairEvents.model(dsl, "model_created", actor, p);
        return p;
    }

    /** authentik's comma-separated {@code subject_alt_name}: DNS names (wildcards allowed) or IP literals. */
    private static List<String> subjectAltNames(String raw, Validation v) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!CertificateBuilder.isIpLiteral(name) && !DNS_NAME.matcher(name).matches()) {
                v.error("subject_alt_name", "\"" + name + "\" is not a valid DNS name or IP address.");
            }
            out.add(name);
        }
        return out;
    }

    private static CertificateKeyPairStore store(DSLContext dsl) {
        return new CertificateKeyPairStore(dsl);
    }
}

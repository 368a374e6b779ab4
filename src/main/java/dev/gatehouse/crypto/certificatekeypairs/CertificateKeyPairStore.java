package dev.gatehouse.crypto.certificatekeypairs;

import static dev.gatehouse.crypto.certificatekeypairs.CryptoTables.KeyPairs.*;

import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.KeyType;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of {@code crypto_certificatekeypair}. The private key column only ever holds sealed text. */
public final class CertificateKeyPairStore {
    public static final Listing<CertificateKeyPair> LISTING = Listing.of(T, ALL, UUID_, CertificateKeyPairStore::map)
            .filter("name", NAME).filter("managed", MANAGED).filter("key_type", KEY_TYPE)
            .filter("has_key", DSL.field(KEY_DATA.isNotNull()))
            .search(NAME, CERT_SUBJECT)
            .order("name", NAME).order("cert_expiry", NOT_AFTER).order("created", CREATED)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public CertificateKeyPairStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static CertificateKeyPair map(Record r) {
        return new CertificateKeyPair(r.get(UUID_), r.get(NAME), r.get(CERTIFICATE_DATA), r.get(KEY_DATA),
                KeyType.parse(r.get(KEY_TYPE)).orElseThrow(), r.get(FINGERPRINT_SHA256), r.get(FINGERPRINT_SHA1),
                r.get(CERT_SUBJECT), r.get(NOT_BEFORE), r.get(NOT_AFTER), r.get(MANAGED), r.get(CREATED));
    }

    /** Inserts the pair as given (its pk, sealed key and created time included). */
    public CertificateKeyPair insert(CertificateKeyPair p) {
        dsl.insertInto(T).set(UUID_, p.pk()).set(NAME, p.name()).set(CERTIFICATE_DATA, p.certificateData())
                .set(KEY_DATA, p.sealedKey()).set(KEY_TYPE, p.keyType().wire())
                .set(FINGERPRINT_SHA256, p.fingerprintSha256()).set(FINGERPRINT_SHA1, p.fingerprintSha1())
                .set(CERT_SUBJECT, p.subject()).set(NOT_BEFORE, p.notBefore()).set(NOT_AFTER, p.notAfter())
                .set(MANAGED, p.managed()).set(CREATED, p.created()).execute();
        return byPk(p.pk()).orElseThrow();
    }

    public void rename(UUID pk, String name) {
        dsl.update(T).set(NAME, name).where(UUID_.eq(pk)).execute();
    }

    public Optional<CertificateKeyPair> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(CertificateKeyPairStore::map);
    }

    public Optional<CertificateKeyPair> byName(String name) {
        return dsl.select(ALL).from(T).where(NAME.eq(name)).fetchOptional(CertificateKeyPairStore::map);
    }

    public Optional<CertificateKeyPair> byManaged(String managed) {
        return dsl.select(ALL).from(T).where(MANAGED.eq(managed)).fetchOptional(CertificateKeyPairStore::map);
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Page<CertificateKeyPair> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}

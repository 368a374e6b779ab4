package dev.gatehouse.crypto.certificatekeypairs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing keys by pair pk, opened once and kept (bounded): the token endpoint signs without a database
 * round trip or a decryption per token. Key material of a pair never changes, so an entry is never stale;
 * callers find the pk through their provider's row, so a deleted pair is no longer asked for.
 */
public final class SigningKeys {
    private final CertificateKeyPairService pairs;
    private final Cache<UUID, SigningKey> cache = Caffeine.newBuilder().maximumSize(256).build();

    public SigningKeys(CertificateKeyPairService pairs) {
        this.pairs = pairs;
    }

    /** The pair's signing key; empty when the pair is missing, has no private key, or cannot sign JWTs. */
    public Optional<SigningKey> forKeyPair(UUID pk) {
        SigningKey cached = cache.getIfPresent(pk);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SigningKey> loaded = pairs.byPk(pk).filter(SigningKey::canSign)
                .map(p -> SigningKey.of(p, pairs.privateKey(p).orElseThrow()));
        loaded.ifPresent(k -> cache.put(pk, k));
        return loaded;
    }
}

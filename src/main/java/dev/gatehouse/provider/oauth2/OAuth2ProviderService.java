package dev.gatehouse.provider.oauth2;

import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderLifecycle;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.Validation;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.DefaultKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.KeyPairReferences;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import dev.gatehouse.provider.oauth2.scope.DefaultScopeMappings;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairStore;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Creates, changes and deletes OAuth2 providers (the {@code core_provider} row and its
 * {@code providers_oauth2} row in one transaction, with a model event). A missing client_id or
 * client_secret is generated, as authentik does (40 and 128 characters); a new provider without
 * signing_key signs with the default key pair and without property_mappings gets the default scopes.
 */
public final class OAuth2ProviderService extends ProviderLifecycle<OAuth2Provider, OAuth2ProviderChanges> {
    public static final String KIND = "oauth2";
    private static final List<String> DEFAULT_SCOPES = List.of(DefaultScopeMappings.OPENID, DefaultScopeMappings.EMAIL,
            DefaultScopeMappings.PROFILE, DefaultScopeMappings.OFFLINE_ACCESS);

    public OAuth2ProviderService(Database db) {
        super(db, KIND, "oauth2provider", (s, pk) -> new OAuth2ProviderStore(s).byPk(pk), false);
    }

    @Override
    protected void insert(DSLContext dsl, Provider p, OAuth2ProviderChanges c) {
        new OAuth2ProviderStore(dsl).insert(new OAuth2Provider(p, or(c.clientType(), "confidential"),
                or(c.clientId(), Secrets.randomKey(40)), or(c.clientSecret(), Secrets.randomKey(128)),
                c.redirectUris() == null ? List.of() : c.redirectUris(),
                c.signingKey() == null ? defaultSigningKey(dsl) : c.signingKey().orElse(null),
                or(c.accessCodeValidity(), "minutes=1"), or(c.accessTokenValidity(), "hours=1"),
                or(c.refreshTokenValidity(), "days=30"), or(c.subMode(), "hashed_user_id"),
                c.includeClaimsInIdToken() == null || c.includeClaimsInIdToken(),
                or(c.issuerMode(), "per_provider"),
                c.propertyMappings() == null ? defaultMappings(dsl) : c.propertyMappings()));
    }

    @Override
    protected void update(DSLContext dsl, Provider p, OAuth2Provider old, OAuth2ProviderChanges c) {
        new OAuth2ProviderStore(dsl).update(new OAuth2Provider(p, or(c.clientType(), old.clientType()),
                or(c.clientId(), old.clientId()), or(c.clientSecret(), old.clientSecret()),
                or(c.redirectUris(), old.redirectUris()),
                c.signingKey() == null ? old.signingKey() : c.signingKey().orElse(null),
                or(c.accessCodeValidity(), old.accessCodeValidity()),
                or(c.accessTokenValidity(), old.accessTokenValidity()),
                or(c.refreshTokenValidity(), old.refreshTokenValidity()), or(c.subMode(), old.subMode()),
                or(c.includeClaimsInIdToken(), old.includeClaimsInIdToken()), or(c.issuerMode(), old.issuerMode()),
                or(c.propertyMappings(), old.propertyMappings())));
    }

    @Override
    protected dev.gatehouse.definition.Definition<OAuth2ProviderChanges> definition() {
        return OAuth2ProviderChanges.DEFINITION;
    }

    @Override
    protected void validateKind(DSLContext dsl, Validation v, OAuth2ProviderChanges c, OAuth2Provider old) {
        long pk = old == null ? 0 : old.pk();
        if (c.clientId() != null && new OAuth2ProviderStore(dsl).clientIdTaken(c.clientId(), pk)) {
            v.error("client_id", "Provider with this client id already exists.");
        }
        for (String[] t : new String[][] {{c.accessCodeValidity(), "access_code_validity"},
                {c.accessTokenValidity(), "access_token_validity"}, {c.refreshTokenValidity(), "refresh_token_validity"}}) {
            if (t[0] != null && !Timedelta.valid(t[0])) {
                v.error(t[1], "Not a valid duration: use a timedelta such as \"hours=1\" or \"minutes=5\".");
            }
        }
        if (c.signingKey() != null && c.signingKey().isPresent()) {
            var pair = new CertificateKeyPairStore(dsl).byPk(c.signingKey().get());
            if (pair.isEmpty()) {
                v.error("signing_key", "Invalid pk \"" + c.signingKey().get() + "\" - object does not exist.");
            } else if (!SigningKey.canSign(pair.get())) {
                v.error("signing_key", "This certificate-key pair has no private key that can sign JWTs (RSA or EC).");
            }
        }
        propertyMappings(dsl, v, c.propertyMappings());
        if (c.redirectUris() != null) {
            for (RedirectUri u : c.redirectUris()) {
                String problem = u.problem();
                if (problem != null) {
                    v.error("redirect_uris", problem);
                }
            }
        }
    }

    /** A field error when one of the given scope mappings does not exist. */
    public static void propertyMappings(DSLContext dsl, Validation v, List<UUID> mappings) {
        if (mappings != null) {
            List<UUID> missing = mappings.stream().filter(m -> new ScopeMappingStore(dsl).byPk(m).isEmpty()).toList();
            if (!missing.isEmpty()) {
                v.error("property_mappings", "Invalid pk \"" + missing.getFirst() + "\" - object does not exist.");
            }
        }
    }

    /** Without an explicit signing_key a new provider signs with the default pair (RS256), as authentik's UI does. */
    public static UUID defaultSigningKey(DSLContext dsl) {
        return new CertificateKeyPairStore(dsl).byManaged(DefaultKeyPair.MANAGED).map(k -> k.pk()).orElse(null);
    }

    /** Without explicit property_mappings a new provider gets the default openid, email, profile and offline_access. */
    private static List<UUID> defaultMappings(DSLContext dsl) {
        return managedMappings(dsl, DEFAULT_SCOPES);
    }

    /** The pks of the managed scope mappings named (those that exist). */
    public static List<UUID> managedMappings(DSLContext dsl, List<String> managed) {
        return managed.stream().map(m -> new ScopeMappingStore(dsl).byManaged(m)).flatMap(java.util.Optional::stream)
                .map(ScopeMapping::pk).toList();
    }

    /** What uses a certificate-key pair as its signing key (refuses deleting the pair while one does). */
    public static final KeyPairReferences SIGNING_KEY_USERS = (dsl, pair) -> new OAuth2ProviderStore(dsl)
            .usingSigningKey(pair).stream().map(p -> "OAuth2 provider \"" + p + "\"").toList();

}

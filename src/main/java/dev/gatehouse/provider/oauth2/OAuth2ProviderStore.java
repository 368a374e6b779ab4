package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.provider.oauth2.OAuth2Tables.OAuth2Providers.*;

import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.store.ClientSecrets;
import dev.gatehouse.store.DefinitionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import tools.jackson.core.type.TypeReference;

/**
 * Rows of {@code providers_oauth2}, read together with their {@code core_provider} row. The client secret is
 * stored sealed ({@link ClientSecrets}) and read back as plaintext.
 */
public final class OAuth2ProviderStore {
    private static final TypeReference<List<Map<String, String>>> URIS = new TypeReference<>() {
    };
    private final DSLContext dsl;

    public OAuth2ProviderStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(OAuth2Provider p) {
        dsl.insertInto(T).set(PROVIDER, p.pk()).set(values(p)).execute();
    }

    public void update(OAuth2Provider p) {
        dsl.update(T).set(values(p)).where(PROVIDER.eq(p.pk())).execute();
    }

    /**
     * Seals every client secret as stored before secrets were sealed (all rows are plaintext then); the caller
     * runs it once, under the bootstrap lock. The number of rows sealed.
     */
    public int sealPlaintextSecrets() {
        int n = 0;
        for (Record r : dsl.select(PROVIDER, CLIENT_SECRET).from(T).fetch()) {
            long pk = r.get(PROVIDER);
            n += dsl.update(T).set(CLIENT_SECRET, ClientSecrets.of(dsl).seal(pk, r.get(CLIENT_SECRET)))
                    .where(PROVIDER.eq(pk)).execute();
        }
        return n;
    }

    private Map<org.jooq.Field<?>, Object> values(OAuth2Provider p) {
        Map<org.jooq.Field<?>, Object> v = new java.util.LinkedHashMap<>();
        v.put(CLIENT_TYPE, p.clientType());
        v.put(CLIENT_ID, p.clientId());
        v.put(CLIENT_SECRET, ClientSecrets.of(dsl).seal(p.pk(), p.clientSecret()));
        v.put(REDIRECT_URIS, Json.write(p.redirectUris().stream().map(u -> Map.of("matching_mode", u.matchingMode(),
                "url", u.url(), "redirect_uri_type", u.type())).toList()));
        v.put(SIGNING_KEY, p.signingKey());
        v.put(ACCESS_CODE_VALIDITY, p.accessCodeValidity());
        v.put(ACCESS_TOKEN_VALIDITY, p.accessTokenValidity());
        v.put(REFRESH_TOKEN_VALIDITY, p.refreshTokenValidity());
        v.put(SUB_MODE, p.subMode());
        v.put(INCLUDE_CLAIMS_IN_ID_TOKEN, p.includeClaimsInIdToken());
        v.put(ISSUER_MODE, p.issuerMode());
        v.put(PROPERTY_MAPPINGS, Json.write(p.propertyMappings().stream().map(UUID::toString).toList()));
        return v;
    }

    public Optional<OAuth2Provider> byPk(long pk) {
        return new ProviderStore(dsl).byPk(pk).flatMap(this::of);
    }

    public Optional<OAuth2Provider> byClientId(String clientId) {
        return dsl.select(PROVIDER).from(T).where(CLIENT_ID.eq(clientId)).fetchOptional(PROVIDER).flatMap(this::byPk);
    }

    /** {@link #byClientId} through the {@link DefinitionCache}, for the token endpoint. */
    public Optional<OAuth2Provider> byClientIdCached(String clientId) {
        return DefinitionCache.of(dsl).get(List.of("oauth2-provider-by-client-id", clientId), () -> byClientId(clientId));
    }

    /** The OAuth2 configuration of a provider row, when it is one. */
    public Optional<OAuth2Provider> of(Provider p) {
        return dsl.select(ALL).from(T).where(PROVIDER.eq(p.pk())).fetchOptional().map(r -> map(p, r));
    }

    /** Names of the providers that sign with a key pair. */
    public List<String> usingSigningKey(UUID keyPair) {
        return dsl.select(dev.gatehouse.core.CoreTables.Providers.NAME).from(T)
                .join(dev.gatehouse.core.CoreTables.Providers.T).on(dev.gatehouse.core.CoreTables.Providers.ID.eq(PROVIDER))
                .where(SIGNING_KEY.eq(keyPair)).fetch(dev.gatehouse.core.CoreTables.Providers.NAME);
    }

    public boolean clientIdTaken(String clientId, long exceptPk) {
        return dsl.fetchExists(T, CLIENT_ID.eq(clientId).and(PROVIDER.ne(exceptPk)));
    }

    private OAuth2Provider map(Provider p, Record r) {
        List<RedirectUri> uris = new ArrayList<>();
        for (Map<String, String> u : Json.MAPPER.readValue(r.get(REDIRECT_URIS), URIS)) {
            uris.add(new RedirectUri(u.get("matching_mode"), u.get("url"),
                    u.getOrDefault("redirect_uri_type", "authorization")));
        }
        List<UUID> mappings = Json.MAPPER.readValue(r.get(PROPERTY_MAPPINGS), new TypeReference<List<String>>() {
        }).stream().map(UUID::fromString).toList();
        return new OAuth2Provider(p, r.get(CLIENT_TYPE), r.get(CLIENT_ID),
                ClientSecrets.of(dsl).open(p.pk(), r.get(CLIENT_SECRET)), uris,
                r.get(SIGNING_KEY), r.get(ACCESS_CODE_VALIDITY), r.get(ACCESS_TOKEN_VALIDITY),
                r.get(REFRESH_TOKEN_VALIDITY), r.get(SUB_MODE), r.get(INCLUDE_CLAIMS_IN_ID_TOKEN), r.get(ISSUER_MODE),
                mappings);
    }
}

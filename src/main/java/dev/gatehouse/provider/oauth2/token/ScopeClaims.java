package dev.gatehouse.provider.oauth2.token;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The claims a grant's scopes add: every property mapping of the provider whose scope was granted is
 * evaluated (CEL, kind MAPPING) with {@code user}, {@code request}, {@code provider} and {@code token}, and
 * the maps are merged in mapping-name order as authentik merges them ({@link ClaimsMerge}: lists appended, maps
 * merged). A mapping that fails is skipped and recorded as a
 * {@code configuration_error} event; it never fails the token request.
 */
public final class ScopeClaims {
    private final Database db;
    private final Supplier<ExpressionCompiler> compiler;

    public ScopeClaims(Database db, Supplier<ExpressionCompiler> compiler) {
        this.db = db;
        this.compiler = compiler;
    }

    public Map<String, Object> of(Grant grant) {
        DSLContext s = db.dsl();
        List<ScopeMapping> mappings = new ScopeMappingStore(s).byPksCached(grant.provider().propertyMappings()).stream()
                .filter(m -> grant.scopes().contains(m.scopeName())).toList();
        Map<String, Object> claims = new LinkedHashMap<>();
        if (mappings.isEmpty()) {
            return claims;
        }
        ExpressionContext context = ExpressionContext.builder()
                .user(grant.user(), UserGroups.of(s, grant.user().pk()))
                .http(grant.request().clientIp(), grant.request().host(), grant.request().path(), grant.request().userAgent())
                .provider(Map.of("pk", grant.provider().pk(), "name", grant.provider().provider().name(),
                        "client_id", grant.provider().clientId()))
                .token(Map.of("scope", String.join(" ", grant.scopes())))
                .authenticators(user -> dev.gatehouse.authenticator.DeviceClasses.anyConfirmed(db.dsl(), user))
                .users(dev.gatehouse.expression.UserLookups.stored(db::dsl))
                .build();
        for (ScopeMapping m : mappings) {
            String problem;
            try {
                CompiledExpression e = compiler.get().compile(ExpressionKind.MAPPING, m.expression());
                ExpressionResult r = e.evaluate(context);
                if (r instanceof ExpressionResult.Value v && v.value() instanceof Map<?, ?> map) {
                    ClaimsMerge.merge(claims, map);
                    continue;
                }
                problem = r instanceof ExpressionResult.Failure f ? f.message() : "did not return a map";
            } catch (ExpressionException e) {
                problem = e.getMessage();
            }
            String detail = problem;
            db.txRun(dsl -> EventLog.record(dsl, "configuration_error",
                    new Actor(grant.user(), grant.request().clientIp()), new LinkedHashMap<>(Map.of(
                            "message", "Scope mapping \"" + m.name() + "\" failed: " + detail,
                            "mapping", m.pk().toString()))));
        }
        return claims;
    }
}

package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderLifecycle;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.crypto.certificatekeypairs.KeyPairReferences;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.crypto.certificatekeypairs.CryptoTables;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Creates and changes LDAP providers: the {@code core_provider} row (kind ldap, its authorization flow is the bind
 * flow) and its {@code providers_ldap} row with the full-directory search grants, in one transaction with a model
 * event. As for proxy providers, a new one joins the embedded outpost unless the request names its outposts.
 */
public final class LdapProviderService extends ProviderLifecycle<LdapProvider, LdapProviderChanges> {
    public static final String KIND = "ldap";
    /** A certificate-key pair an LDAP provider serves TLS with cannot be deleted. */
    public static final KeyPairReferences CERTIFICATE_USERS = (dsl, pair) -> new LdapProviderStore(dsl)
            .usingCertificate(pair).stream().map(p -> "LDAP provider \"" + p + "\"").toList();

    public LdapProviderService(Database db) {
        super(db, KIND, "ldapprovider", (s, pk) -> new LdapProviderStore(s).byPk(pk), true);
    }

    @Override
    protected void insert(DSLContext dsl, Provider p, LdapProviderChanges c) {
        new LdapProviderStore(dsl).insert(merge(p, null, c));
    }

    @Override
    protected void update(DSLContext dsl, Provider p, LdapProvider old, LdapProviderChanges c) {
        new LdapProviderStore(dsl).update(merge(p, old, c));
    }

    @Override
    protected boolean canServe(Outpost o) {
        return o.embedded() || o.type().equals(KIND);
    }

    @Override
    protected String outpostRefusal() {
        return "no LDAP outpost (or the embedded one) has it.";
    }

    /** The stored provider: the old values (or the defaults) with the changes applied. */
    private static LdapProvider merge(Provider p, LdapProvider old, LdapProviderChanges c) {
        LdapProvider base = old != null ? old : new LdapProvider(p, LdapProvider.DEFAULT_BASE_DN, LdapProvider.DIRECT,
                LdapProvider.DIRECT, 2000, 4000, true, null, "", List.of(), List.of());
        return new LdapProvider(p, c.baseDn() != null ? c.baseDn().strip() : base.baseDn(),
                or(c.bindMode(), base.bindMode()), or(c.searchMode(), base.searchMode()),
                or(c.uidStartNumber(), base.uidStartNumber()), or(c.gidStartNumber(), base.gidStartNumber()),
                or(c.mfaSupport(), base.mfaSupport()),
                c.certificate() == null ? base.certificate() : c.certificate().orElse(null),
                or(c.tlsServerName(), base.tlsServerName()), or(c.searchUsers(), base.searchUsers()),
                or(c.searchGroups(), base.searchGroups()));
    }

    @Override
    protected dev.gatehouse.definition.Definition<LdapProviderChanges> definition() {
        return LdapProviderChanges.DEFINITION;
    }

    @Override
    protected void validateKind(DSLContext dsl, Validation v, LdapProviderChanges c, LdapProvider old) {
        if (c.baseDn() != null) {
            String problem = dnProblem(c.baseDn());
            v.check(problem == null, "base_dn", problem);
        }
        Optional<UUID> cert = c.certificate() == null ? Optional.empty() : c.certificate();
        cert.ifPresent(k -> {
            if (!dsl.fetchExists(CryptoTables.KeyPairs.T, CryptoTables.KeyPairs.UUID_.eq(k)
                    .and(CryptoTables.KeyPairs.KEY_DATA.isNotNull()))) {
                v.error("certificate", "Invalid pk \"" + k + "\" - no certificate-key pair with a private key has it.");
            }
        });
        if (c.searchUsers() != null) {
            for (Long u : c.searchUsers()) {
                if (new UserStore(dsl).byPk(u).isEmpty()) {
                    v.error("search_full_directory_users", "Invalid pk \"" + u + "\" - object does not exist.");
                }
            }
        }
        if (c.searchGroups() != null) {
            List<UUID> missing = c.searchGroups().stream().filter(g -> !new GroupStore(dsl).existing(List.of(g)).contains(g)).toList();
            missing.forEach(g -> v.error("search_full_directory_groups", "Invalid pk \"" + g + "\" - object does not exist."));
        }
    }

    /** Null when {@code dn} is a non-empty distinguished name (RFC 4514); otherwise why not. */
    static String dnProblem(String dn) {
        if (dn.isBlank()) {
            return "This field may not be blank.";
        }
        try {
            new DN(dn.strip());
            return null;
        } catch (LDAPException e) {
            return "Not a valid distinguished name (RFC 4514), e.g. DC=ldap,DC=goauthentik,DC=io.";
        }
    }
}

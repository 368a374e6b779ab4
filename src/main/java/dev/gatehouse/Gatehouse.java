package dev.gatehouse;

import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.api.BearerTokenAuthenticator;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.ApplicationsApi;
import dev.gatehouse.api.resources.AuthenticatedSessionsApi;
import dev.gatehouse.api.resources.EventsApi;
import dev.gatehouse.api.resources.FlowBindingsApi;
import dev.gatehouse.api.resources.FlowsApi;
import dev.gatehouse.api.resources.PoliciesApi;
import dev.gatehouse.api.resources.PolicyBindingsApi;
import dev.gatehouse.api.resources.StagesApi;
import dev.gatehouse.api.resources.GroupsApi;
import dev.gatehouse.api.resources.OAuth2ProvidersApi;
import dev.gatehouse.api.resources.ProvidersApi;
import dev.gatehouse.api.resources.ProxyProvidersApi;
import dev.gatehouse.api.resources.OutpostsApi;
import dev.gatehouse.api.resources.LdapProvidersApi;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.Version;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.provider.ldap.LdapOutpost;
import dev.gatehouse.provider.ldap.LdapProviderService;
import dev.gatehouse.outpost.OutpostService;
import dev.gatehouse.provider.proxy.EmbeddedProxy;
import dev.gatehouse.provider.proxy.ProxyProviderService;
import dev.gatehouse.provider.oauth2.OAuth2ProviderService;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationService;
import dev.gatehouse.provider.oauth2.endpoint.AuthorizeEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.DeviceAuthorizationEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.DeviceVerificationEndpoint;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorizationIssuer;
import dev.gatehouse.provider.oauth2.device.DeviceVerification;
import dev.gatehouse.provider.oauth2.grant.DeviceCodeGrantHandler;
import dev.gatehouse.api.resources.SchemaApi;
import dev.gatehouse.api.resources.TokensApi;
import dev.gatehouse.api.resources.UserViews;
import dev.gatehouse.api.resources.UsersApi;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.GroupService;
import dev.gatehouse.housekeeping.Housekeeping;
import dev.gatehouse.core.Installation;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.core.SecretKey;
import dev.gatehouse.core.TokenService;
import dev.gatehouse.core.UserService;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.crypto.certificatekeypairs.SigningKeys;
import dev.gatehouse.provider.oauth2.ClientAuthenticator;
import dev.gatehouse.provider.oauth2.endpoint.DiscoveryEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.EndSessionEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.HttpAdapter;
import dev.gatehouse.provider.oauth2.endpoint.IntrospectionEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.OAuth2Endpoints;
import dev.gatehouse.provider.oauth2.endpoint.RevocationEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.TokenEndpoint;
import dev.gatehouse.provider.oauth2.endpoint.UserInfoEndpoint;
import dev.gatehouse.provider.oauth2.grant.AuthorizationCodeGrantHandler;
import com.nimbusds.oauth2.sdk.GrantType;
import dev.gatehouse.provider.oauth2.grant.CredentialsGrantHandler;
import dev.gatehouse.provider.oauth2.grant.CredentialsUser;
import dev.gatehouse.provider.oauth2.grant.RefreshTokenGrantHandler;
import dev.gatehouse.provider.oauth2.grant.SuspiciousRequests;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.provider.oauth2.token.ProviderKeys;
import dev.gatehouse.provider.oauth2.token.ScopeClaims;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.flow.FlowBindingService;
import dev.gatehouse.flow.FlowService;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.crypto.SelfSignedCertificate;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.api.resources.CertificateKeyPairsApi;
import dev.gatehouse.api.resources.ScopeMappingsApi;
import dev.gatehouse.api.resources.BrandsApi;
import dev.gatehouse.brand.BrandService;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingService;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.mail.Delivery;
import dev.gatehouse.mail.Mailer;
import dev.gatehouse.mail.OutgoingMail;
import dev.gatehouse.flow.engine.FlowServices;
import dev.gatehouse.throttle.LoginThrottle;
import dev.gatehouse.core.RecoveryKeys;
import dev.gatehouse.web.ApiEndpoint;
import dev.gatehouse.web.RecoveryEndpoint;
import dev.gatehouse.web.FlowExecutorApi;
import dev.gatehouse.web.CurrentUser;
import dev.gatehouse.web.EntryPoints;
import dev.gatehouse.web.FlowPages;
import dev.gatehouse.web.admin.AdminApi;
import dev.gatehouse.web.admin.AdminInterface;
import dev.gatehouse.web.admin.site.AdminSite;
import dev.gatehouse.web.user.UserPortal;
import dev.gatehouse.web.FlowRunner;
import dev.gatehouse.web.SessionCookies;
import dev.gatehouse.web.ClientIp;
import dev.gatehouse.web.HealthEndpoints;
import dev.gatehouse.web.HttpServer;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.Metrics;
import dev.gatehouse.web.SessionAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/** The running product: database, services, API and listeners, started and stopped as one. */
public final class Gatehouse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gatehouse.class.getName());
    private final GatehouseConfig config;
    private final Metrics metrics;
    private final Database db;
    private final HttpServer http;
    private final LdapOutpost ldap;
    private final Bootstrap.Result bootstrap;
    private final String secretKey;
    private final SessionService sessions;
    private final Housekeeping housekeeping;
    private final dev.gatehouse.mail.SmtpMailer mailer;
    private final dev.gatehouse.mail.MailSender mailSender;
    private final dev.gatehouse.queue.QueueWorker<?> notificationDeliverer;
    private final dev.gatehouse.geoip.GeoIp geoIp;
    /** How often expired events, sessions, codes and tokens are deleted. */
    static final java.time.Duration HOUSEKEEPING_INTERVAL = java.time.Duration.ofMinutes(10);

    private Gatehouse(GatehouseConfig config, Metrics metrics, Database db, HttpServer http, LdapOutpost ldap,
                      Bootstrap.Result bootstrap, String secretKey, SessionService sessions, Housekeeping housekeeping,
                      dev.gatehouse.mail.SmtpMailer mailer, dev.gatehouse.mail.MailSender mailSender,
                      dev.gatehouse.queue.QueueWorker<?> notificationDeliverer, dev.gatehouse.geoip.GeoIp geoIp) {
        this.notificationDeliverer = notificationDeliverer;
        this.geoIp = geoIp;
        this.ldap = ldap;
        this.mailer = mailer;
        this.mailSender = mailSender;
        this.housekeeping = housekeeping;
        this.config = config;
        this.metrics = metrics;
        this.db = db;
        this.http = http;
        this.bootstrap = bootstrap;
        this.secretKey = secretKey;
        this.sessions = sessions;
    }

    /** Opens and migrates the database, bootstraps, and starts the listeners. */
    public static Gatehouse start(GatehouseConfig config) {
        StartupTimer timer = new StartupTimer();
        dev.gatehouse.policy.password.PwnedPasswords.configure(config.hibpUrl());
        String secretKey = SecretKey.resolve(config);
        timer.mark("secret-key");
        SelfSignedCertificate certificate;
        try {
            certificate = SelfSignedCertificate.loadOrCreate(config.dataDir().resolve("certs"), "https", "gatehouse");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the HTTPS certificate in " + config.dataDir(), e);
        }
        timer.mark("certificate");
        Metrics metrics = new Metrics();
        timer.mark("metrics");
        String signatures = dev.gatehouse.crypto.JwtSignatureProvider.configure(config.nativeCrypto());
        metrics.registry().gauge("gatehouse_jwt_signature_provider", java.util.List.of(
                io.micrometer.core.instrument.Tag.of("provider", signatures)), 1);
        timer.mark("jwt-signatures");
        Database db = Database.open(config, metrics.registry()).sealSecretsWith(secretKey);
        timer.mark("database-open");
        // GeoIP/ASN for policies (context.geoip, context.asn) and events (geo, asn); a broken file is a warning.
        dev.gatehouse.geoip.GeoIp geoIp = dev.gatehouse.geoip.GeoIp.open(config.geoIp());
        dev.gatehouse.geoip.GeoIp.install(geoIp);
        timer.mark("geoip");
        try {
            db.migrateIfNeeded();
            timer.mark("migrate");
            PasswordHasher hasher = new PasswordHasher();
            PrivateKeyCipher keyCipher = new PrivateKeyCipher(secretKey);
            Bootstrap.Result boot = new Bootstrap(db, hasher, keyCipher).run(config);
            timer.mark("bootstrap");
            db.shareWithCommands(config.dataDir());
            Installation installation = new Installation(boot.installId(), Version.VALUE);
            SessionService sessions = new SessionService(db, secretKey);
            dev.gatehouse.mail.SmtpMailer mailer = new dev.gatehouse.mail.SmtpMailer(db, secretKey);
            RequestOrigins origins = new RequestOrigins(new ClientIp(config.trustedProxies()), config.externalUrl());
            SessionCookies cookies = new SessionCookies(config.cookieDomain(), origins);
            LoginThrottle throttle = new LoginThrottle();
            FlowMail mail = new FlowMail(mailer, config.email(), config.dataDir().resolve("templates"));
            FlowRunner flows = flowRunner(db, hasher, sessions, cookies, secretKey, throttle, mail);
            CertificateKeyPairService keyPairs = new CertificateKeyPairService(db, keyCipher,
                    List.of(OAuth2ProviderService.SIGNING_KEY_USERS, LdapProviderService.CERTIFICATE_USERS));
            dev.gatehouse.notification.Notifications notifications = new dev.gatehouse.notification.Notifications(db,
                    secretKey, mailer, config.email());
            ApiRouter router = api(db, hasher, installation, sessions, flows, keyPairs, notifications, secretKey);
            ApiEndpoint endpoint = new ApiEndpoint(router, origins);
            HealthEndpoints health = new HealthEndpoints(db);
            RecoveryEndpoint recovery = new RecoveryEndpoint(new RecoveryKeys(db), sessions, cookies, origins);
            FlowPages pages = new FlowPages(db, flows, origins, cookies, new CurrentUser(sessions), stagePages());
            EntryPoints entryPoints = new EntryPoints(db, new CurrentUser(sessions), cookies);
            AdminInterface admin = new AdminInterface(db, new CurrentUser(sessions),
                    new UserService(db, hasher, new StoredSignIns())::isSuperuser, new AdminApi(router), origins, entryPoints,
                    AdminSite.pages(router, db::healthy));
            UserPortal portal = new UserPortal(db, sessions, new UserService(db, hasher, new StoredSignIns()),
                    new ApplicationAccess(new PolicyEngine(db)), entryPoints, origins, lockdownLinks(db, flows));
            OAuth2Core core = oauth2Core(db, hasher, installation, keyPairs);
            OAuth2Endpoints oauth2 = oauth2(db, core, keyPairs, new HttpAdapter(origins), sessions, cookies,
                    flows, secretKey);
            EmbeddedProxy proxy = EmbeddedProxy.create(db, new ApplicationAccess(new PolicyEngine(db)), core.parts(),
                    installation, secretKey, origins, metrics.registry());
            DeviceVerification deviceVerification = new DeviceVerification(db,
                    new ApplicationAccess(new PolicyEngine(db)), secretKey, Clock.systemUTC());
            deviceVerification.stageKinds().forEach(flows.inMemoryStages()::register);
            DeviceVerificationEndpoint devicePage = new DeviceVerificationEndpoint(db, deviceVerification, flows, sessions,
                    origins, cookies);
            HttpServer http = new HttpServer(config.http(), config.https(), certificate, routing -> {
                dev.gatehouse.web.OutageErrors.register(routing);
                proxy.register(routing);
                oauth2.register(routing);
                metrics.register(routing);
                health.register(routing);
                recovery.register(routing);
                pages.register(routing);
                entryPoints.register(routing);
                portal.register(routing);
                admin.register(routing);
                devicePage.register(routing);
                routing.any("/api/v3/*", endpoint);
            }).start();
            timer.mark("http");
            PolicyEngine ldapPolicies = new PolicyEngine(db);
            FlowPlanner ldapPlanner = new FlowPlanner(db, ldapPolicies);
            LdapOutpost ldap = LdapOutpost.start(db, config, ldapPlanner,
                    flowExecutor(db, hasher, ldapPlanner, ldapPolicies, throttle, secretKey, new FlowPlans(db, secretKey), mail),
                    new ApplicationAccess(ldapPolicies),
                    sessions, keyPairs, installation);
            timer.mark("ldap");
            // Once the listeners are up: a start that fails on a configuration error prints only that error.
            warnIfTrustingEveryPrivateNetwork(config);
            metrics.bindJvm();
            timer.mark("jvm-metrics");
            warmUpExpressions(db);
            // Start-up leaves garbage (migrations, class init); collect it once so the idle heap shrinks.
            System.gc();
            LOG.fine(() -> "start-up phases: " + timer);
            Housekeeping housekeeping = new Housekeeping(db, HOUSEKEEPING_INTERVAL).start();
            dev.gatehouse.mail.MailSender mailSender = mailer.sender().start();
            dev.gatehouse.queue.QueueWorker<?> deliverer = notifications.deliverer().start();
            return new Gatehouse(config, metrics, db, http, ldap, boot, secretKey, sessions, housekeeping, mailer,
                    mailSender, deliverer, geoIp);
        } catch (RuntimeException e) {
            dev.gatehouse.geoip.GeoIp.uninstall(geoIp);
            db.close();
            throw e;
        }
    }

    /**
     * The built-in trusted-proxy list is every private and loopback range: behind a reverse proxy on the same host or
     * LAN that just works, but without one any client on the LAN can forge its IP (X-Forwarded-For) and the scheme and
     * host it used (X-Forwarded-Proto, X-Forwarded-Host). Say so once at start.
     */
    private static void warnIfTrustingEveryPrivateNetwork(GatehouseConfig config) {
        if (config.trustedProxiesBuiltIn()) {
            LOG.warning("GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS is not set: X-Forwarded-For, X-Forwarded-Proto and "
                    + "X-Forwarded-Host are believed from every loopback and private address ("
                    + GatehouseConfig.DEFAULT_TRUSTED_PROXIES + "), so any client on the local network can forge its "
                    + "IP address. Set it to your reverse proxy's address (e.g. 127.0.0.1/32).");
        }
    }

    /**
     * Builds the CEL environment in the background when expression policies or OAuth2 providers (their scope
     * mappings) exist: it takes seconds on a cold
     * JVM, which would otherwise fall on the first request that evaluates one.
     */
    private static void warmUpExpressions(Database db) {
        DSLContext dsl = db.dsl();
        if (new PolicyStore(dsl).anyOfType("expression") || new ProviderStore(dsl).anyOfKind(OAuth2ProviderService.KIND)
                || new ProviderStore(dsl).anyOfKind(ProxyProviderService.KIND)) {
            Thread.ofVirtual().name("expression-warm-up").start(ExpressionCompiler::standard);
        }
    }

    /** What the email stage sends with: the mailer, the global EMAIL__* settings, the custom templates' directory. */
    record FlowMail(Mailer mailer, EmailSettings settings, Path templates) {
    }

    /** The flow runner every flow adapter (executor API, flow pages) shares. */
    static FlowRunner flowRunner(Database db, PasswordHasher hasher, SessionService sessions, SessionCookies cookies,
                                 String secretKey, LoginThrottle throttle, FlowMail mail) {
        PolicyEngine policies = new PolicyEngine(db);
        FlowPlanner planner = new FlowPlanner(db, policies);
        FlowPlans plans = new FlowPlans(db, secretKey);
        return new FlowRunner(db, planner, flowExecutor(db, hasher, planner, policies, throttle, secretKey, plans, mail),
                plans, sessions, cookies, secretKey);
    }

    /** The flow engine; web sign-ins and LDAP binds use one {@link LoginThrottle}, so their failures add up. */
    static FlowExecutor flowExecutor(Database db, PasswordHasher hasher, FlowPlanner planner, PolicyEngine policies,
                                     LoginThrottle throttle, String secretKey, FlowPlans plans, FlowMail mail) {
        return new FlowExecutor(planner, new FlowServices(db, new UserService(db, hasher, new StoredSignIns()), throttle, policies,
                FlowServices.deviceSecrets(secretKey), plans, mail.mailer(), mail.settings(), mail.templates()));
    }

    /** What the OAuth2 endpoints and the embedded proxy share: keys, claims, token issuing and checking. */
    record OAuth2Core(ProviderKeys keys, ScopeClaims claims, SuspiciousRequests suspicious,
                      EmbeddedProxy.OAuth2Parts parts) {
    }

    static OAuth2Core oauth2Core(Database db, PasswordHasher hasher, Installation installation,
                                 CertificateKeyPairService keyPairs) {
        ProviderKeys keys = new ProviderKeys(new SigningKeys(keyPairs));
        ScopeClaims claims = new ScopeClaims(db, ExpressionCompiler::standard);
        TokenIssuer issuer = new TokenIssuer(db, keys, claims, installation);
        SuspiciousRequests suspicious = new SuspiciousRequests(db);
        CredentialsUser credentials = new CredentialsUser(db, new UserService(db, hasher, new StoredSignIns()),
                new ApplicationAccess(new PolicyEngine(db)));
        return new OAuth2Core(keys, claims, suspicious, new EmbeddedProxy.OAuth2Parts(issuer, new AccessTokens(db, keys),
                credentials, new AuthorizationCodeGrantHandler(db, issuer, suspicious)));
    }

    /** The OAuth2 / OIDC provider: the grant handlers and the endpoints. */
    static OAuth2Endpoints oauth2(Database db, OAuth2Core core, CertificateKeyPairService keyPairs, HttpAdapter http,
                                  SessionService sessions, SessionCookies cookies, FlowRunner flows, String secretKey) {
        TokenIssuer issuer = core.parts().issuer();
        ClientAuthenticator clients = new ClientAuthenticator(db);
        AccessTokens accessTokens = core.parts().accessTokens();
        CredentialsUser credentials = core.parts().credentials();
        AuthorizationService authorization = new AuthorizationService(db, new ApplicationAccess(new PolicyEngine(db)),
                issuer, secretKey, Clock.systemUTC());
        flows.inMemoryStages().register(authorization.fulfillmentKind());
        return new OAuth2Endpoints(
                new AuthorizeEndpoint(db, authorization, flows, sessions, http, cookies),
                new TokenEndpoint(db, http, clients, List.of(
                        core.parts().codeGrant(),
                        new RefreshTokenGrantHandler(db, issuer, core.suspicious()),
                        new DeviceCodeGrantHandler(db, issuer, core.suspicious(), Clock.systemUTC()),
                        new CredentialsGrantHandler(GrantType.CLIENT_CREDENTIALS, credentials, issuer),
                        new CredentialsGrantHandler(GrantType.PASSWORD, credentials, issuer))),
                new UserInfoEndpoint(db, http, accessTokens, core.claims()),
                new IntrospectionEndpoint(db, http, clients, accessTokens),
                new RevocationEndpoint(db, http, clients, accessTokens),
                new DiscoveryEndpoint(db, http, core.keys(), keyPairs),
                new EndSessionEndpoint(db, http, core.keys(), sessions, cookies),
                new DeviceAuthorizationEndpoint(db, http, clients, new DeviceAuthorizationIssuer(db, Clock.systemUTC())));
    }

    /** The brand's lockdown flow as a parked link ({@code account_lockdown/}, "Lock my account"). */
    static dev.gatehouse.lockdown.LockdownFlowLinks lockdownLinks(Database db, FlowRunner flows) {
        return new dev.gatehouse.lockdown.LockdownFlowLinks(db, flows::link);
    }

    static ApiRouter api(Database db, PasswordHasher hasher, Installation installation, SessionService sessions,
                         FlowRunner flows, CertificateKeyPairService keyPairs,
                         dev.gatehouse.notification.Notifications notifications, String secretKey) {
        TokenService tokens = new TokenService(db);
        UserService users = new UserService(db, hasher, new StoredSignIns());
        PolicyEngine policies = new PolicyEngine(db);
        ApiRouter router = new ApiRouter(List.of(new BearerTokenAuthenticator(tokens),
                new SessionAuthenticator(sessions, users)));
        Routes routes = new Routes(router);
        UserViews views = new UserViews(db, installation);
        new UsersApi(db, users, views, (flow, user, base) -> {
            dev.gatehouse.flow.engine.FlowContext context = new dev.gatehouse.flow.engine.FlowContext();
            context.put(dev.gatehouse.flow.engine.FlowKeys.PENDING_USER, user);
            return flows.link(flow, context, base, UsersApi.RECOVERY_VALIDITY);
        }, lockdownLinks(db, flows)).register(routes);
        new GroupsApi(db, new GroupService(db), views).register(routes);
        new ApplicationsApi(db, new ApplicationService(db), new ApplicationAccess(policies)).register(routes);
        new TokensApi(db, tokens, views).register(routes);
        new ProvidersApi(db, new ProviderService(db)).register(routes);
        new OAuth2ProvidersApi(db, new OAuth2ProviderService(db), new ProviderService(db)).register(routes);
        new ProxyProvidersApi(db, new ProxyProviderService(db), new ProviderService(db)).register(routes);
        new LdapProvidersApi(db, new LdapProviderService(db), new ProviderService(db)).register(routes);
        new OutpostsApi(db, new OutpostService(db)).register(routes);
        new ScopeMappingsApi(db, new ScopeMappingService(db, ExpressionCompiler::standard)).register(routes);
        new BrandsApi(db, new BrandService(db)).register(routes);
        new dev.gatehouse.api.resources.SettingsApi(new dev.gatehouse.settings.SettingsService(db)).register(routes);
        new FlowsApi(db, new FlowService(db)).register(routes);
        new FlowBindingsApi(db, new FlowBindingService(db)).register(routes);
        new StagesApi(db, new StageService(db)).register(routes);
        new dev.gatehouse.api.resources.PromptsApi(db, new dev.gatehouse.stage.prompt.PromptService(db)).register(routes);
        new dev.gatehouse.api.resources.InvitationsApi(db, new dev.gatehouse.stage.invitation.InvitationService(db), views)
                .register(routes);
        new dev.gatehouse.api.resources.ReputationScoresApi(db).register(routes);
        new PoliciesApi(db, new PolicyService(db)).register(routes);
        new PolicyBindingsApi(db, new PolicyBindingService(db)).register(routes);
        new EventsApi(db).register(routes);
        new dev.gatehouse.api.resources.NotificationTransportsApi(db,
                new dev.gatehouse.notification.TransportService(db, secretKey), notifications).register(routes);
        new dev.gatehouse.api.resources.NotificationRulesApi(db, new dev.gatehouse.notification.RuleService(db))
                .register(routes);
        new dev.gatehouse.api.resources.NotificationsApi(db).register(routes);
        new CertificateKeyPairsApi(keyPairs).register(routes);
        new AuthenticatedSessionsApi(sessions).register(routes);
        new dev.gatehouse.api.resources.AuthenticatorsApi(db, new dev.gatehouse.authenticator.DeviceService(db))
                .register(routes);
        new FlowExecutorApi(db, flows, sessions).register(routes);
        new SchemaApi(router, installation.version(),
                doc -> dev.gatehouse.web.ChallengeSchemas.addTo(doc, stagePages())).register(routes);
        return router;
    }

    /** Every page a flow can show: the stage types', the protocols' in-memory stages', and the executor's own. */
    public static dev.gatehouse.flow.engine.StagePages stagePages() {
        return dev.gatehouse.flow.engine.StagePages.of(dev.gatehouse.flow.engine.StageTypes.all(), java.util.stream.Stream.concat(
                dev.gatehouse.provider.oauth2.authorize.OAuthFulfillmentStage.PAGES.stream(),
                DeviceVerification.PAGES.stream()).toList());
    }

    public int httpPort() {
        return http.httpPort();
    }

    public int httpsPort() {
        return http.httpsPort();
    }

    /** The LDAP (StartTLS) port while an LDAP provider is served, else 0. */
    public int ldapPort() {
        return ldap.ldapPort();
    }

    /** The LDAPS port while an LDAP provider is served, else 0. */
    public int ldapsPort() {
        return ldap.ldapsPort();
    }

    /** The embedded LDAP outpost (its listeners follow the served LDAP providers). */
    public LdapOutpost ldap() {
        return ldap;
    }

    public boolean adminNeedsSetup() {
        return bootstrap.adminNeedsSetup();
    }

    public Database database() {
        return db;
    }

    /** The browser sessions of this process (its cache is what a session delete must evict). */
    public SessionService sessions() {
        return sessions;
    }

    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** Sends mail (the queue and direct delivery) with the given SMTP settings; {@code config().email()} are the global ones. */
    public dev.gatehouse.mail.Mailer mailer() {
        return mailer;
    }

    public String secretKey() {
        return secretKey;
    }

    public GatehouseConfig config() {
        return config;
    }

    /** Stops accepting, lets in-flight requests finish, then closes the pool. */
    @Override
    public void close() {
        housekeeping.close();
        notificationDeliverer.close();
        mailSender.close();
        ldap.close();
        http.stop();
        db.close();
        metrics.close();
        dev.gatehouse.geoip.GeoIp.uninstall(geoIp);
        LOG.info("Gatehouse stopped");
    }
}

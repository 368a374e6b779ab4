package dev.gatehouse.provider.oauth2.endpoint;

import io.helidon.webserver.http.HttpRouting;

/** The OAuth2 / OpenID Connect provider's HTTP surface (CONTRACT.md), one adapter per endpoint. */
public final class OAuth2Endpoints {
    private final AuthorizeEndpoint authorize;
    private final TokenEndpoint token;
    private final UserInfoEndpoint userinfo;
    private final IntrospectionEndpoint introspection;
    private final RevocationEndpoint revocation;
    private final DiscoveryEndpoint discovery;
    private final EndSessionEndpoint endSession;
    private final DeviceAuthorizationEndpoint device;

    public OAuth2Endpoints(AuthorizeEndpoint authorize, TokenEndpoint token, UserInfoEndpoint userinfo,
                           IntrospectionEndpoint introspection, RevocationEndpoint revocation, DiscoveryEndpoint discovery,
                           EndSessionEndpoint endSession, DeviceAuthorizationEndpoint device) {
        this.authorize = authorize;
        this.endSession = endSession;
        this.device = device;
        this.token = token;
        this.userinfo = userinfo;
        this.introspection = introspection;
        this.revocation = revocation;
        this.discovery = discovery;
    }

    public void register(HttpRouting.Builder routing) {
        authorize.register(routing);
        routing.post(TokenEndpoint.PATH, token::handle);
        routing.get(UserInfoEndpoint.PATH, userinfo::handle);
        routing.post(UserInfoEndpoint.PATH, userinfo::handle);
        routing.post(IntrospectionEndpoint.PATH, introspection::handle);
        routing.post(RevocationEndpoint.PATH, revocation::handle);
        routing.post(DeviceAuthorizationEndpoint.PATH, device::handle);
        String oidc = "/application/o/{slug}/.well-known/openid-configuration";
        routing.get(oidc, (req, res) -> discovery.configuration(req, res, oidc));
        String rfc8414 = "/.well-known/oauth-authorization-server/application/o/{slug}/";
        routing.get(rfc8414, (req, res) -> discovery.configuration(req, res, rfc8414));
        routing.get("/application/o/{slug}/jwks/", discovery::jwks);
        routing.get(EndSessionEndpoint.ROUTE, endSession::handle);
        routing.post(EndSessionEndpoint.ROUTE, endSession::handle);
    }
}

package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forward auth through a real Caddy for tests outside this package: an application with a forward_single proxy
 * provider (made through an in-process {@link TestServer}'s API) at {@code http://<slug>.localhost:<port>}, whose
 * upstream is an {@link EchoUpstream}, guarded by a throwaway Caddy ({@link CaddyServer}) with seed 002's
 * {@code forward_auth} snippet ({@link ProxyRecipes}) asking that server; browsers are curl ({@link Curl}) signing
 * in with {@link SignInWalk}. Caddy is stopped by its PID on {@link #close()}.
 */
public final class CaddyGuardedApp implements AutoCloseable {
    private static final String START = "/outpost.goauthentik.io/start";
    private static final String AUTHORIZE = "/application/o/authorize/";

    private final String externalHost;
    private final Path dir;
    private final EchoUpstream echo;
    private final CaddyServer caddy;
    private int browsers;

    private CaddyGuardedApp(String externalHost, Path dir, EchoUpstream echo, CaddyServer caddy) {
        this.externalHost = externalHost;
        this.dir = dir;
        this.echo = echo;
        this.caddy = caddy;
    }

    /**
     * Sets the embedded outpost's {@code authentik_host}, where every server of the cluster sends browsers to sign
     * in ({@code http://127.0.0.1:<port>} of one of them).
     */
    public static void sendSignInsTo(TestServer server, String gatehouseBase) {
        ProxyKit.embeddedOutpostHost(server, gatehouseBase);
    }

    /** Creates the application {@code slug} through {@code gatehouse} and starts a Caddy in front of it (files under {@code dir}). */
    public static CaddyGuardedApp start(TestServer gatehouse, String slug, Path dir) throws Exception {
        int port = GatehouseProcess.freePort();
        String host = slug + ".localhost";
        String externalHost = "http://" + host + ":" + port;
        ProxyKit.app(gatehouse, slug, externalHost, Map.of());
        EchoUpstream echo = EchoUpstream.start();
        CaddyServer caddy = CaddyServer.create(port);
        try {
            caddy.start(ProxyRecipes.caddySnippets(gatehouse.base())
                    + ProxyRecipes.caddyProtectedSite(host, port, ProxyRecipes.CADDY_SNIPPET, echo.address()));
        } catch (Exception | AssertionError e) {
            try (caddy; echo) {
                throw e;
            }
        }
        return new CaddyGuardedApp(externalHost, dir, echo, caddy);
    }

    /** {@code host:port} of the application, as a browser's walk may visit it. */
    public String authority() {
        return URI.create(externalHost).getRawAuthority();
    }

    /**
     * A fresh curl browser that opens the application, is sent to sign in, signs in as the user at Gatehouse (at the
     * {@code gatehouseAuthorities}) and comes back; fails unless the application then served it as that user.
     */
    public Browser signIn(String username, String password, Collection<String> gatehouseAuthorities) {
        Curl curl = new Curl(dir.resolve("browser-" + ++browsers));
        List<String> allowed = new ArrayList<>(gatehouseAuthorities);
        allowed.add(authority());
        String url = externalHost + "/";
        SignInWalk.Result walk = new SignInWalk(curl, allowed, username, password).from(url);
        assertThat(walk.escapedTo()).as("%s\n%s", walk, caddy.logs()).isEmpty();
        assertThat(walk.denied()).as(walk.toString()).isEmpty();
        assertThat(walk.last().url()).as(walk.toString()).isEqualTo(url);
        assertThat(walk.last().echoed().single("X-authentik-username")).isEqualTo(username);
        assertThat(curl.cookies("gatehouse_proxy_")).as("the proxy session cookie").isNotEmpty();
        return new Browser(curl);
    }

    /** One curl browser with its cookie jar. Use it from one thread at a time. */
    public final class Browser {
        private final Curl curl;

        private Browser(Curl curl) {
            this.curl = curl;
        }

        /** A GET of the application's {@code path} through Caddy, without following a redirect. */
        public Visit visit(String path) {
            Curl.Response r = curl.get(externalHost + path);
            Optional<String> user = r.status() == 200 ? Optional.of(r.echoed().single("X-authentik-username"))
                    : Optional.empty();
            return new Visit(r.status(), user, r.redirect() ? Optional.of(r.location()) : Optional.empty());
        }
    }

    /** What a browser got from Caddy: the status, the user the application saw (when served), the redirect. */
    public record Visit(int status, Optional<String> servedAs, Optional<URI> location) {
        /** Refused: a 401, or a 302 to the outpost's sign-in start or the authorize endpoint; the application unreached. */
        public boolean sentToSignIn() {
            return status == 401 || status == 302 && location.map(URI::getPath)
                    .filter(p -> p.equals(START) || p.equals(AUTHORIZE)).isPresent();
        }
    }

    /** Stops Caddy by its PID (failing unless it stops cleanly) and the upstream. */
    @Override
    public void close() throws Exception {
        try (CaddyServer c = caddy; EchoUpstream e = echo) {
            assertThat(c.stop()).as(c.logs()).isZero();
        }
    }
}

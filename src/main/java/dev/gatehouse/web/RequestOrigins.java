package dev.gatehouse.web;

import dev.gatehouse.core.RequestOrigin;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a request's {@link RequestOrigin}, the one place that reads {@code Host} and the forwarding headers.
 * {@code X-Forwarded-For}, {@code -Proto} and {@code -Host} are believed only when the direct peer is a trusted
 * proxy ({@link ClientIp}); of {@code -Proto} and {@code -Host} the first (left-most) value counts, the one the
 * first proxy saw (RFC 7239 §5.3, §5.4 in their de-facto header form). A host that is not a valid URI authority
 * (RFC 3986 §3.2) is ignored. When an external URL is configured it is the base URL whatever the request says.
 * The answer is kept in the request's context, so every part of one request sees the same origin.
 */
public final class RequestOrigins {
    private static final Pattern AUTHORITY =
            Pattern.compile("([A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    private final ClientIp clientIp;
    private final String externalUrl;

    /** {@code externalUrl}: {@code scheme://authority} browsers reach this server at, when configured. */
    public RequestOrigins(ClientIp clientIp, Optional<String> externalUrl) {
        this.clientIp = clientIp;
        this.externalUrl = externalUrl.orElse(null);
    }

    /** The request's origin (decided at its first use, then the same for the whole request). */
    public RequestOrigin of(ServerRequest req) {
        Optional<RequestOrigin> known = req.context().get(RequestOrigin.class, RequestOrigin.class);
        if (known.isPresent()) {
            return known.get();
        }
        RequestOrigin origin = resolve(req.isSecure(), req.remotePeer().address(),
                req.headers().first(HeaderNames.HOST).orElse(null),
                req.headers().values(HeaderNames.X_FORWARDED_FOR),
                req.headers().first(HeaderNames.X_FORWARDED_PROTO).orElse(null),
                req.headers().first(HeaderNames.X_FORWARDED_HOST).orElse(null));
        req.context().register(RequestOrigin.class, origin);
        return origin;
    }

    /** The origin of a request that came over TLS or not, from {@code peer}, with these header values. */
    public RequestOrigin resolve(boolean tls, SocketAddress peer, String host, List<String> forwardedFor,
                                 String forwardedProto, String forwardedHost) {
        boolean trusted = clientIp.trustedPeer(peer);
        String scheme = tls ? "https" : "http";
        if (!tls && trusted && "https".equals(first(forwardedProto).toLowerCase(Locale.ROOT))) {
            scheme = "https";
        }
        String authority = trusted && AUTHORITY.matcher(first(forwardedHost)).matches() ? first(forwardedHost)
                : host != null && AUTHORITY.matcher(host.strip()).matches() ? host.strip() : null;
        String base = externalUrl != null ? externalUrl
                : scheme + "://" + (authority == null ? "localhost" : authority);
        return new RequestOrigin(scheme, authority, base, clientIp.resolve(peer, forwardedFor));
    }

    /**
     * The {@code X-Forwarded-For} to send to an upstream this server proxies to: the incoming chain only when the
     * peer is a trusted proxy (from anyone else it may be forged, and an upstream reading its left-most entry
     * would believe it), then the peer's own address.
     */
    public String forwardedFor(SocketAddress peer, List<String> incoming) {
        String self = peer instanceof java.net.InetSocketAddress isa && isa.getAddress() != null
                ? isa.getAddress().getHostAddress() : "unknown";
        String chain = String.join(", ", incoming).strip();
        return clientIp.trustedPeer(peer) && !chain.isEmpty() ? chain + ", " + self : self;
    }

    /** The first of a comma-separated list, stripped; "" when absent. */
    private static String first(String list) {
        if (list == null) {
            return "";
        }
        int comma = list.indexOf(',');
        return (comma < 0 ? list : list.substring(0, comma)).strip();
    }
}

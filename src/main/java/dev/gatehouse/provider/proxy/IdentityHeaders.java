package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Version;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The headers a 200 carries to the reverse proxy (CONTRACT.md "Forward auth / proxy provider"; authentik's
 * {@code addHeaders}): the user's {@code X-authentik-*} set (groups joined by {@code |}), the meta headers, then
 * HTTP Basic from {@code group_attributes()} when the provider asks for it, then {@code additionalHeaders}.
 * <p>
 * <b>Forged headers.</b> Every name of {@link #IDENTITY} is always present, so a proxy that overwrites what the
 * auth response names (Traefik's {@code authResponseHeaders} deletes and sets; nginx's
 * {@code proxy_set_header $upstream_http_...} sets, even to empty) never lets a client's own value through.
 * Caddy's {@code copy_headers} sets a header only when the auth response has it non-empty, and Envoy adds only
 * what it gets: an empty {@code X-authentik-email} would leave a client's forged one in place. That is why
 * {@link ForwardAuth} refuses any request whose client sent one of these names ({@link #forged}) — or a look-alike
 * of one: any case, and {@code _} for {@code -} ({@code X_authentik_username}), because CGI, PHP, Django, Rails and
 * every server that turns header names into {@code HTTP_X_AUTHENTIK_USERNAME} read both names as one (nginx drops
 * names with {@code _} by default, Caddy and Traefik pass them).
 * <p>
 * <b>Additional headers.</b> A group's {@code additionalHeaders} attribute adds headers, but never one of the
 * identity set or a look-alike of it, and never {@code Authorization} when the provider injects HTTP Basic
 * credentials: those entries are ignored, so whoever may edit a group's attributes cannot make the application
 * see another user.
 */
public final class IdentityHeaders {
    static final String USERNAME = "X-authentik-username";
    static final String GROUPS = "X-authentik-groups";
    static final String ENTITLEMENTS = "X-authentik-entitlements";
    static final String EMAIL = "X-authentik-email";
    static final String NAME = "X-authentik-name";
    static final String UID = "X-authentik-uid";
    static final String JWT = "X-authentik-jwt";
    static final String META_JWKS = "X-authentik-meta-jwks";
    static final String META_OUTPOST = "X-authentik-meta-outpost";
    static final String META_PROVIDER = "X-authentik-meta-provider";
    static final String META_APP = "X-authentik-meta-app";
    static final String META_VERSION = "X-authentik-meta-version";
    /** The identity set, in authentik's order; each is on every 200 with an identity. */
    public static final List<String> IDENTITY = List.of(USERNAME, GROUPS, ENTITLEMENTS, EMAIL, NAME, UID, JWT, META_JWKS,
            META_OUTPOST, META_PROVIDER, META_APP, META_VERSION);
    private static final java.util.Set<String> IDENTITY_READ = IDENTITY.stream().map(n -> n.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** authentik's outpost user agent, which the meta header repeats. */
    public static final String VERSION = "goauthentik.io/outpost/" + Version.VALUE;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private IdentityHeaders() {
    }

    /** Who the headers describe and what they say of the provider. {@code uid} follows the provider's sub mode. */
    public record Facts(User user, UserGroups groups, Map<String, Object> groupAttributes, String uid, String jwt,
                        String jwksUrl) {
    }

    public static Header[] of(ProxyRoute route, Facts f) {
        List<Header> out = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(USERNAME, f.user().username());
        values.put(GROUPS, String.join("|", f.groups().direct().stream().map(Group::name).toList()));
        values.put(ENTITLEMENTS, "");
        values.put(EMAIL, f.user().email());
        values.put(NAME, f.user().name());
        values.put(UID, f.uid());
        values.put(JWT, f.jwt());
        values.put(META_JWKS, f.jwksUrl());
        values.put(META_OUTPOST, route.outpost().name());
        values.put(META_PROVIDER, route.provider().name());
        values.put(META_APP, route.application().slug());
        values.put(META_VERSION, VERSION);
        values.forEach((name, value) -> out.add(header(name, value)));
        java.util.Optional<Header> basic = basicAuth(route.provider(), f);
        basic.ifPresent(out::add);
        if (f.groupAttributes().get("additionalHeaders") instanceof Map<?, ?> extra) {
            for (Map.Entry<?, ?> e : extra.entrySet()) {
                String name = String.valueOf(e.getKey());
                boolean overrides = isIdentity(name)
                        || basic.isPresent() && name.equalsIgnoreCase("Authorization");
                if (TOKEN.matcher(name).matches() && e.getValue() != null && !overrides) {
                    out.removeIf(h -> h.name().equalsIgnoreCase(name));
                    out.add(header(name, String.valueOf(e.getValue())));
                }
            }
        }
        return out.toArray(Header[]::new);
    }

    /**
     * {@code Authorization: Basic} from the attributes named by the provider (read from {@code group_attributes()});
     * the user part falls back to the email when its attribute is missing; nothing when both parts are empty.
     */
    static java.util.Optional<Header> basicAuth(ProxyProvider p, Facts f) {
        if (!p.basicAuthEnabled()) {
            return java.util.Optional.empty();
        }
        String user = f.groupAttributes().get(p.basicAuthUserAttribute()) instanceof String s ? s : f.user().email();
        String password = f.groupAttributes().get(p.basicAuthPasswordAttribute()) instanceof String s ? s : "";
        if (user.isEmpty() && password.isEmpty()) {
            return java.util.Optional.empty();
        }
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return java.util.Optional.of(HeaderValues.create(HeaderNames.AUTHORIZATION, "Basic " + credentials));
    }

    /** The identity-set headers the client sent itself, and their look-alikes (names as sent); empty when none. */
    static List<String> forged(Iterable<? extends Header> requestHeaders) {
        List<String> out = null;
        for (Header h : requestHeaders) {
            String n = h.name();
            if (isIdentity(n)) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(n);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Whether a header name is one of the identity set, or reads as one where {@code _} and {@code -} are alike. */
    static boolean isIdentity(String name) {
        if (name.length() < 12 || Character.toLowerCase(name.charAt(0)) != 'x') {
            return false;
        }
        String read = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return read.startsWith("x-authentik-meta-") || IDENTITY_READ.contains(read);
    }

    private static Header header(String name, String value) {
        return Utf8Header.of(HeaderNames.create(name), printable(value == null ? "" : value));
    }

    /** A header value without control characters (no CR/LF injection from user data). */
    static String printable(String value) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(value.substring(0, i));
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? value : b.toString();
    }
}

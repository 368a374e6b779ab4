package dev.gatehouse.web;

import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the original query of a flow request carries: where to go afterwards ({@code next}, only a path on this site),
 * who is expected to sign in ({@code login_hint}), an invitation link's token ({@code itoken}) and an emailed link's
 * token ({@code flow_token}). The first three go into the context of a plan the request starts.
 */
public final class FlowQuery {
    /** The query parameter of a link that resumes a parked plan (the email stage's). */
    public static final String FLOW_TOKEN = "flow_token";
    /** The query parameter of an invitation link ({@code /if/flow/<slug>/?itoken=<uuid>}). */
    static final String ITOKEN = "itoken";
    /** The longest login hint kept (a username or email address). */
    static final int MAX_LOGIN_HINT = 255;

    private FlowQuery() {
    }

    /** Puts into a new plan's context what the query asks of it. */
    static void seed(FlowContext context, String query) {
        next(query).ifPresent(next -> context.put(FlowKeys.REDIRECT, next));
        param(query, "login_hint").filter(h -> !h.isBlank() && h.length() <= MAX_LOGIN_HINT)
                .ifPresent(hint -> context.put(FlowKeys.LOGIN_HINT, hint));
        invitationToken(query).ifPresent(token -> context.put(FlowKeys.INVITATION_TOKEN, token));
    }

    /** The {@code next} of the query, only when it is a path on this site. */
    static Optional<String> next(String query) {
        return param(query, "next").flatMap(RelativeRedirect::check);
    }

    /** The invitation link's token (an invitation's pk; anything longer is no token). */
    static Optional<String> invitationToken(String query) {
        return param(query, ITOKEN).map(String::trim).filter(t -> !t.isEmpty() && t.length() <= 64);
    }

    /** The token of an emailed link that resumes a parked plan. */
    static Optional<String> flowToken(String query) {
        return param(query, FLOW_TOKEN).filter(t -> !t.isBlank());
    }

    /** The query without {@code flow_token}: where the page goes once a link resumed its plan. */
    public static String withoutFlowToken(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        String rest = Arrays.stream(query.split("&"))
                .filter(pair -> !pair.equals(FLOW_TOKEN) && !pair.startsWith(FLOW_TOKEN + "="))
                .collect(Collectors.joining("&"));
        return rest.isEmpty() ? null : rest;
    }

    /** One parameter of the query, decoded. */
    static Optional<String> param(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}

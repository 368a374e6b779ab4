package dev.gatehouse.provider.proxy;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A browser's way from a URL to wherever the redirects lead, played with {@link Curl}: every Location followed by
 * hand and recorded; a Gatehouse flow page ({@code /if/flow/<slug>/}) answered through the flow executor's JSON API
 * as the login page's script does (identification, then password), then on to where the flow redirects. It never
 * requests a URL outside the authorities it was given ({@code host:port}): such a redirect ends the walk and is
 * reported as {@link Result#escapedTo()}.
 */
final class SignInWalk {
    private static final int MAX_HOPS = 30;
    private static final Pattern FLOW_PAGE = Pattern.compile("^/if/flow/([^/]+)/$");

    /**
     * Where the walk went: the responses in order (flow executor calls not included), the last one, whether the
     * flow asked for the password, the URL it refused to follow, and the flow's access-denied challenge if one ended
     * it.
     */
    record Result(List<Curl.Response> hops, Curl.Response last, boolean passwordAsked, Optional<URI> escapedTo,
                  Optional<JsonNode> denied) {
        /** The URLs requested, in order. */
        List<String> urls() {
            return hops.stream().map(Curl.Response::url).toList();
        }

        /** Whether a request went to this path (on any host). */
        boolean visited(String path) {
            return hops.stream().anyMatch(r -> URI.create(r.url()).getPath().equals(path));
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("walk (password asked: ").append(passwordAsked).append(')');
            hops.forEach(r -> s.append("\n  ").append(r.method()).append(' ').append(r.url()).append(" -> ")
                    .append(r.status()).append(r.header("Location").map(l -> " " + l).orElse("")));
            escapedTo.ifPresent(u -> s.append("\n  refused to follow ").append(u));
            denied.ifPresent(d -> s.append("\n  denied: ").append(d));
            s.append("\nlast: ").append(last);
            return s.toString();
        }
    }

    private final Curl curl;
    private final Set<String> authorities;
    private final String username;
    private final String password;

    /** {@code authorities}: the {@code host:port}s the browser may visit. */
    SignInWalk(Curl curl, Collection<String> authorities, String username, String password) {
        this.curl = curl;
        this.authorities = Set.copyOf(authorities);
        this.username = username;
        this.password = password;
    }

    Result from(String start) {
        List<Curl.Response> hops = new ArrayList<>();
        boolean passwordAsked = false;
        URI url = URI.create(start);
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (!"http".equals(url.getScheme()) || url.getRawAuthority() == null
                    || !authorities.contains(url.getRawAuthority())) {
                return new Result(hops, hops.isEmpty() ? null : hops.getLast(), passwordAsked, Optional.of(url),
                        Optional.empty());
            }
            Matcher flow = FLOW_PAGE.matcher(url.getPath());
            if (flow.matches()) {
                FlowOutcome outcome = runFlow(url, flow.group(1));
                passwordAsked |= outcome.passwordAsked();
                if (outcome.denied() != null) {
                    return new Result(hops, hops.getLast(), passwordAsked, Optional.empty(), Optional.of(outcome.denied()));
                }
                url = outcome.next();
                continue;
            }
            Curl.Response r = curl.get(url.toString());
            hops.add(r);
            if (!r.redirect()) {
                return new Result(hops, r, passwordAsked, Optional.empty(), Optional.empty());
            }
            url = r.location();
        }
        throw new AssertionError("no end after " + MAX_HOPS + " hops: "
                + new Result(hops, hops.getLast(), passwordAsked, Optional.empty(), Optional.empty()));
    }

    private record FlowOutcome(URI next, boolean passwordAsked, JsonNode denied) {
    }

    /** The flow behind a flow page, through {@code /api/v3/flows/executor/<slug>/?query=<the page's query>}. */
    private FlowOutcome runFlow(URI page, String slug) {
        URI origin = URI.create(page.getScheme() + "://" + page.getRawAuthority() + "/");
        String executor = origin.resolve("/api/v3/flows/executor/" + slug + "/") + (page.getRawQuery() == null ? ""
                : "?query=" + URLEncoder.encode(page.getRawQuery(), StandardCharsets.UTF_8));
        JsonNode challenge = json(curl.get(executor, "Accept: application/json"));
        boolean passwordAsked = false;
        for (int step = 0; step < MAX_HOPS; step++) {
            if (challenge.has("response_errors")) {
                throw new AssertionError("flow " + slug + " refused an answer: " + challenge);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            String component = challenge.path("component").asString("");
            answer.put("component", component);
            switch (component) {
                case "xak-flow-redirect" -> {
                    return new FlowOutcome(origin.resolve(challenge.get("to").asString()), passwordAsked, null);
                }
                case "ak-stage-access-denied" -> {
                    return new FlowOutcome(null, passwordAsked, challenge);
                }
                case "ak-stage-identification" -> {
                    answer.put("uid_field", username);
                    if (challenge.path("password_fields").asBoolean(false)) {
                        answer.put("password", password);
                        passwordAsked = true;
                    }
                }
                case "ak-stage-password" -> {
                    answer.put("password", password);
                    passwordAsked = true;
                }
                default -> throw new AssertionError("flow " + slug + ": no answer for " + challenge);
            }
            Curl.Response r = curl.send("POST", executor, "application/json",
                    EchoUpstream.JSON.writeValueAsString(answer), "Accept: application/json");
            if (r.redirect()) {
                r = curl.get(r.location().toString(), "Accept: application/json");
            }
            challenge = json(r);
        }
        throw new AssertionError("flow " + slug + " did not end after " + MAX_HOPS + " steps");
    }

    private static JsonNode json(Curl.Response r) {
        if (r.status() != 200) {
            throw new AssertionError("flow executor: " + r);
        }
        return EchoUpstream.JSON.readTree(r.body());
    }
}

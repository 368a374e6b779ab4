package dev.gatehouse.web.http10;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.common.uri.UriValidator;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * Watches the requests Helidon reads from an HTTP/1.0 connection.
 * <ul>
 * <li>The first request is the last: its connection is asked to stop once this request is served, so Helidon
 * closes the socket after the response (it only announces {@code Connection: close} and would otherwise wait for
 * the client to close, while an HTTP/1.0 client may wait for the end of the connection to end the body).</li>
 * <li>{@code Host}: HTTP/1.0 has none, so Helidon's own check (which requires one) is off for these requests; a
 * request that does send one gets the same scrutiny as over HTTP/1.1: exactly one, not empty, a valid host
 * (reg-name or IP literal) with an optional numeric port. Anything else is a 400.</li>
 * </ul>
 */
final class Http10RequestListener implements Http1ConnectionListener {
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        if (ctx instanceof Http10ConnectionContext http10) {
            http10.lastRequestStarted();
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        List<String> hosts = headers.all(HeaderNames.HOST, List::of);
        if (hosts.isEmpty()) {
            return;
        }
        if (hosts.size() > 1) {
            throw badRequest("Only a single Host header is allowed in request");
        }
        String host = hosts.getFirst();
        try {
            UriValidator.validateHost(withoutPort(host));
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid Host header");
        }
    }

    private static String withoutPort(String host) {
        if (host.isEmpty()) {
            throw badRequest("Host header must not be empty");
        }
        int colon = host.lastIndexOf(':');
        if (colon == -1 || host.endsWith("]")) {
            return host; // no port (an IPv6 literal ends in "]")
        }
        String port = host.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
                || Integer.parseInt(port) > 65535) {
            throw badRequest("Invalid port of the Host header");
        }
        return host.substring(0, colon);
    }

    private static RequestException badRequest(String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .setKeepAlive(false)
                .message(message)
                .safeMessage(true)
                .build();
    }
}

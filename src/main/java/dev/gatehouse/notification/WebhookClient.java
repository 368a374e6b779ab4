package dev.gatehouse.notification;

import dev.gatehouse.core.Version;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a webhook's JSON body. With a secret, {@value #SIGNATURE} carries {@code sha256=<hex HMAC-SHA256 of the exact
 * body bytes>}; {@value #EVENT} always names the event, so a receiver can drop a repeated delivery. A 2xx answer is
 * success; anything else (another status, no answer within the timeout, a refused connection) is a failure to retry.
 * Redirects are not followed.
 */
final class WebhookClient {
    static final String SIGNATURE = "X-Gatehouse-Signature";
    static final String EVENT = "X-Gatehouse-Event";
    /** The longest one POST may take, answer included. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int KEPT_ANSWER = 500;

    /** How a POST ended: the status and (the start of) the answer, or why there was none. */
    sealed interface Result {
        record Answered(int status, String text) implements Result {
            boolean ok() {
                return status >= 200 && status < 300;
            }
        }

        record Unreachable(String reason) implements Result {
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Result post(String url, byte[] body, String secret, UUID event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "gatehouse/" + Version.VALUE)
                .header(EVENT, event.toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null && !secret.isEmpty()) {
            request.header(SIGNATURE, signature(secret, body));
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            return new Result.Answered(answer.statusCode(), text.length() > KEPT_ANSWER ? text.substring(0, KEPT_ANSWER) : text);
        } catch (IOException e) {
            return new Result.Unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unreachable("interrupted");
        }
    }

    /** {@code sha256=<hex>}: HMAC-SHA256 of the body under the secret's UTF-8 bytes. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static List<String> messages(Result.Answered a) {
        return List.of(String.valueOf(a.status()), a.text());
    }
}

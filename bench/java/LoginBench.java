import dev.gatehouse.crypto.PasswordHasher;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password logins per second, end to end, next to the bare argon2id verify rate measured in the same run
 * with the same number of threads. Two kinds of login:
 * <ul>
 * <li>through the flow executor API (identification, password, user_login: one argon2id check);</li>
 * <li>with {@code <client_id> <client_secret> <redirect_uri>} added: an OAuth2 authorization-code login as a
 * relying party drives it — authorize request without a session, the login flow, back to authorize, the
 * provider's authorization flow, the code on the redirect URI, the code (with PKCE) exchanged at the token
 * endpoint for tokens.</li>
 * </ul>
 * With the system property {@code server.pid}, it also reports the server's CPU time per login (from
 * /proc) next to the CPU time of one hash, i.e. how much of the server's work is not the hash.
 * Usage: LoginBench <base-url> <user> <password> <seconds> <threads> [<client_id> <client_secret> <redirect_uri>]
 */
public final class LoginBench {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String user = args[1];
        String password = args[2];
        int seconds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Work login = args.length > 5
                ? () -> authorizationCode(base, user, password, args[5], args[6], args[7])
                : () -> login(base, user, password);
        String what = args.length > 5 ? "authorization-code logins" : "logins through the flow executor";
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(password);
        run("warm-up hash", threads, 3, () -> hasher.verify(password, hash));
        run("warm-up login", threads, Integer.getInteger("warmup", 10), login); // lets the server's JIT settle
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong hashCpu = new AtomicLong();
        double hashes = run("argon2id verify", threads, seconds, () -> {
            long c0 = mx.getCurrentThreadCpuTime();
            boolean ok = hasher.verify(password, hash);
            hashCpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
            return ok;
        });
        String pid = System.getProperty("server.pid");
        long server0 = pid == null ? 0 : serverCpuMillis(pid);
        double logins = run(what, threads, seconds, login);
        System.out.printf("argon2id verify: %.1f/s%n%s: %.1f/s%noverhead over the bare hash (end to end): %.1f%%%n",
                hashes, what, logins, (hashes / logins - 1) * 100);
        if (pid != null) {
            double perLogin = (serverCpuMillis(pid) - server0) / (double) DONE.get();
            double perHash = hashCpu.get() / 1e6 / (hashes * seconds);
            System.out.printf("server CPU per login: %.1f ms; CPU per argon2id hash: %.1f ms; server work besides the hash: %.1f%%%n",
                    perLogin, perHash, (perLogin - perHash) / perLogin * 100);
        }
    }

    interface Work {
        boolean once() throws Exception;
    }

    /** Completed units of the last run. */
    private static final AtomicLong DONE = new AtomicLong();

    /** utime + stime of a process, from /proc/<pid>/stat (clock ticks of 10 ms). */
    private static long serverCpuMillis(String pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (Boolean.getBoolean("split")) {
            System.out.println("utime " + f[11] + " stime " + f[12]);
        }
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static double run(String name, int threads, int seconds, Work work) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        DONE.set(0);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            ts[i] = Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (!work.once()) {
                            throw new IllegalStateException(name + " failed");
                        }
                        done.incrementAndGet();
                        DONE.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        return done.get() / (double) seconds;
    }

    /** One HTTP client per thread (as a browser keeps its connection); cookies cleared between logins. */
    private static final ThreadLocal<CookieManager> COOKIES = ThreadLocal.withInitial(CookieManager::new);
    private static final ThreadLocal<HttpClient> CLIENTS = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
            .cookieHandler(COOKIES.get()).followRedirects(HttpClient.Redirect.NORMAL).build());

    private static boolean login(String base, String user, String password) throws Exception {
        COOKIES.get().getCookieStore().removeAll();
        HttpClient http = CLIENTS.get();
        String url = base + "/api/v3/flows/executor/default-authentication-flow/";
        send(http, HttpRequest.newBuilder(URI.create(url)).GET());
        send(http, post(url, "{\"component\":\"ak-stage-identification\",\"uid_field\":\"" + user + "\"}"));
        String last = send(http, post(url, "{\"component\":\"ak-stage-password\",\"password\":\"" + password + "\"}"));
        return last.contains("xak-flow-redirect");
    }

    /** No redirects followed: the relying party reads each Location itself. */
    private static final ThreadLocal<HttpClient> RP = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
            .cookieHandler(COOKIES.get()).followRedirects(HttpClient.Redirect.NEVER).build());
    private static final java.util.regex.Pattern FLOW_PAGE = java.util.regex.Pattern.compile("^/if/flow/([^/]+)/(?:\\?(.*))?$");

    private static boolean authorizationCode(String base, String user, String password, String clientId,
                                             String secret, String redirect) throws Exception {
        COOKIES.get().getCookieStore().removeAll();
        HttpClient http = RP.get();
        String verifier = dev.gatehouse.crypto.Secrets.randomKey(43);
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
        String state = dev.gatehouse.crypto.Secrets.randomKey(16);
        String next = "/application/o/authorize/?response_type=code&scope=openid%20profile%20email&client_id=" + clientId
                + "&redirect_uri=" + enc(redirect) + "&state=" + state + "&nonce=" + state
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        for (int hop = 0; hop < 12; hop++) {
            if (next.startsWith(redirect)) {
                java.util.Map<String, String> q = query(URI.create(next).getRawQuery());
                if (!state.equals(q.get("state")) || q.get("code") == null) {
                    return false;
                }
                String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
                HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/application/o/token/"))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(q.get("code"))
                                + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return token.statusCode() == 200 && token.body().contains("\"id_token\"");
            }
            java.util.regex.Matcher page = FLOW_PAGE.matcher(next);
            if (page.matches()) {
                next = runFlow(http, base, page.group(1), page.group(2), user, password);
                continue;
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(next.startsWith("/") ? base + next : next))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            next = r.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                    "no redirect from " + r.uri() + ": " + r.statusCode()));
        }
        return false;
    }

    /** Answers a flow's challenges through the executor API the way the browser page would; returns where it leads. */
    private static String runFlow(HttpClient http, String base, String slug, String query, String user, String password)
            throws Exception {
        String url = base + "/api/v3/flows/executor/" + slug + "/" + (query == null ? "" : "?query=" + enc(query));
        String body = send(http, HttpRequest.newBuilder(URI.create(url)).GET());
        for (int step = 0; step < 6; step++) {
            if (body.contains("\"xak-flow-redirect\"")) {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("to").asText();
            }
            String answer;
            if (body.contains("\"ak-stage-identification\"")) {
                answer = "{\"component\":\"ak-stage-identification\",\"uid_field\":\"" + user + "\"}";
            } else if (body.contains("\"ak-stage-password\"")) {
                answer = "{\"component\":\"ak-stage-password\",\"password\":\"" + password + "\"}";
            } else if (body.contains("\"ak-stage-consent\"")) {
                answer = "{\"component\":\"ak-stage-consent\"}";
            } else {
                throw new IllegalStateException("unexpected challenge: " + body);
            }
            HttpResponse<String> r = http.send(post(url, answer).build(), HttpResponse.BodyHandlers.ofString());
            body = r.statusCode() == 302
                    ? send(http, HttpRequest.newBuilder(URI.create(base + r.headers().firstValue("Location").orElseThrow())).GET())
                    : r.body();
        }
        throw new IllegalStateException("flow " + slug + " did not end: " + body);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static java.util.Map<String, String> query(String raw) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String kv : raw == null ? new String[0] : raw.split("&")) {
            int i = kv.indexOf('=');
            m.put(java.net.URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), java.nio.charset.StandardCharsets.UTF_8),
                    i < 0 ? "" : java.net.URLDecoder.decode(kv.substring(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String send(HttpClient http, HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}

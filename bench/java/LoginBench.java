import dev.gatehouse.crypto.PasswordHasher;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Password logins per second through the flow executor API, end to end (identification, password,
 * user_login: five HTTP requests and one argon2id check per login), next to the bare argon2id verify
 * rate measured in the same run with the same number of threads. Usage: LoginBench <base-url> <user> <password> <seconds> <threads>
 */
public final class LoginBench {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String user = args[1];
        String password = args[2];
        int seconds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(password);
        run("warm-up hash", threads, 3, () -> hasher.verify(password, hash));
        run("warm-up login", threads, 3, () -> login(base, user, password));
        double hashes = run("argon2id verify", threads, seconds, () -> hasher.verify(password, hash));
        double logins = run("login through the flow executor", threads, seconds, () -> login(base, user, password));
        System.out.printf("argon2id verify: %.1f/s%nlogins: %.1f/s%nflow overhead over the bare hash: %.1f%%%n",
                hashes, logins, (hashes / logins - 1) * 100);
    }

    interface Work {
        boolean once() throws Exception;
    }

    private static double run(String name, int threads, int seconds, Work work) throws InterruptedException {
        AtomicLong done = new AtomicLong();
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

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String send(HttpClient http, HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}

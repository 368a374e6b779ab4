import dev.gatehouse.crypto.PasswordHasher;
import java.util.concurrent.atomic.AtomicLong;

/** argon2id verifies per second of this machine with Gatehouse's own hasher: java HashRate.java <seconds> <threads>. */
public final class HashRate {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("bench-password");
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    if (hasher.verify("bench-password", hash)) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : workers) {
            t.join();
        }
        System.out.printf("argon2id verify: %.1f/s (%d threads)%n", done.get() / (double) seconds, threads);
    }
}

package dev.gatehouse.crypto.argon2;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Argon2 work areas lent to password checks. At most {@code areas} checks of the standard size run at once,
 * each in an area made on first need and kept for the next check, so a login allocates nothing of its
 * 19 MiB and concurrent logins cannot exhaust the heap (a burst waits for a free area instead; the threads
 * are virtual). A check that needs more than the standard size (an imported hash with a larger m) gets
 * a fresh area, one such check at a time.
 */
public final class WorkAreas {
    private final int standardLongs;
    private final Semaphore standard;
    private final Semaphore large = new Semaphore(1, true);
    private final ConcurrentLinkedQueue<long[]> idle = new ConcurrentLinkedQueue<>();

    public WorkAreas(int standardLongs, int areas) {
        this.standardLongs = standardLongs;
        this.standard = new Semaphore(areas, true);
    }

    /** Runs the computation in a lent area of at least {@code longs} longs. */
    public <T> T with(int longs, java.util.function.Function<long[], T> computation) {
        if (longs > standardLongs) {
            large.acquireUninterruptibly();
            try {
                return computation.apply(new long[longs]);
            } finally {
                large.release();
            }
        }
        standard.acquireUninterruptibly();
        long[] area = idle.poll();
        try {
            if (area == null) {
                area = new long[standardLongs];
            }
            return computation.apply(area);
        } finally {
            if (area != null) {
                idle.add(area);
            }
            standard.release();
        }
    }

    /** Areas made and kept so far (for tests). */
    int kept() {
        return idle.size();
    }
}

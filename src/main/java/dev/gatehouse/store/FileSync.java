package dev.gatehouse.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;

/**
 * Forces the embedded H2 database file to stable storage after a commit, shared between committers (group commit).
 * <p>
 * With {@code WRITE_DELAY=0} H2 writes every committing transaction's changes to the file before the commit
 * returns (its {@code TransactionStore} stores the MVStore when the auto-commit delay is 0), so a killed process
 * loses nothing; the file is still only in the operating system's cache. {@code CHECKPOINT SYNC} stores anything
 * unsaved and calls {@code FileChannel.force}, so a crash of the machine loses nothing either. Committers that
 * arrive while a sync runs are covered by the next one: each waits only until a sync that began after its own
 * commit has finished.
 */
final class FileSync {
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private long synced;

    /** Returns once everything committed before this call is on stable storage. */
    void afterCommit(DSLContext dsl) {
        long mine = committed.incrementAndGet();
        lock.lock();
        try {
            if (synced >= mine) {
                return;
            }
            long upTo = committed.get();
            dsl.execute("CHECKPOINT SYNC");
            synced = upTo;
        } finally {
            lock.unlock();
        }
    }
}

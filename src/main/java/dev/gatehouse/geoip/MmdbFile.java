package dev.gatehouse.geoip;

import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * One MaxMind {@code .mmdb} file, reopened when it changes: at most once per check interval a lookup compares the
 * file's modification time, size and identity with those of the loaded copy and, when they differ, opens the new
 * file and swaps it in atomically. A file that cannot be opened (missing, unreadable, not a MaxMind database) keeps
 * the previous copy, or none at start-up, with a warning naming the file; it is tried again once it changes. The
 * file is read into memory, so replacing or rewriting it never disturbs lookups in progress.
 */
public final class MmdbFile {
    private static final Logger LOG = Logger.getLogger(MmdbFile.class.getName());
    /** How often a lookup looks at the file by default. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    private final Path path;
    private final String setting;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Object checking = new Object();
    private volatile Loaded loaded;
    private volatile Stamp seen;
    private volatile long nextCheck;

    private record Loaded(DatabaseReader reader, String type) {
    }

    /** What tells a new file from the loaded one. */
    private record Stamp(long modified, long size, Object key) {
    }

    /**
     * Opens {@code path} now; {@code setting} names the configuration key in messages; the file is looked at again
     * at most every {@code interval} on the {@code nanoTime} clock.
     */
    public MmdbFile(Path path, String setting, Duration interval, LongSupplier nanoTime) {
        this.path = path;
        this.setting = setting;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextCheck = nanoTime.getAsLong() + intervalNanos;
        Stamp stamp = stamp();
        this.seen = stamp;
        if (stamp == null) {
            LOG.warning(() -> setting + ": cannot read the MaxMind database " + path + "; lookups are off until it appears");
        } else {
            load(stamp, false);
        }
    }

    /** The file at the default check interval. */
    public MmdbFile(Path path, String setting) {
        this(path, setting, CHECK_INTERVAL, System::nanoTime);
    }

    public Path path() {
        return path;
    }

    /** The current reader, after looking at the file if the check interval has passed; empty when none is loaded. */
    public Optional<DatabaseReader> reader() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck >= 0) {
            synchronized (checking) {
                if (now - nextCheck >= 0) {
                    nextCheck = now + intervalNanos;
                    Stamp stamp = stamp();
                    if (stamp != null && !stamp.equals(seen)) {
                        seen = stamp;
                        load(stamp, true);
                    }
                }
            }
        }
        Loaded l = loaded;
        return l == null ? Optional.empty() : Optional.of(l.reader());
    }

    /** The database type of the loaded file ({@code GeoLite2-City}); empty when none is loaded. */
    public Optional<String> databaseType() {
        Loaded l = loaded;
        return l == null ? Optional.empty() : Optional.of(l.type());
    }

    private void load(Stamp stamp, boolean reload) {
        try {
            DatabaseReader reader = new DatabaseReader.Builder(path.toFile()).fileMode(Reader.FileMode.MEMORY).build();
            String type = reader.getMetadata().getDatabaseType();
            loaded = new Loaded(reader, type);
            LOG.info(() -> setting + ": " + (reload ? "reloaded" : "loaded") + " MaxMind database " + path + " (" + type
                    + ", built " + reader.getMetadata().getBuildDate().toInstant() + ")");
        } catch (IOException | RuntimeException e) {
            String kept = loaded == null ? "lookups stay off" : "the previously loaded copy stays in use";
            LOG.warning(() -> setting + ": cannot open the MaxMind database " + path + " (" + e.getMessage() + "); "
                    + kept);
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toMillis(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.gatehouse.store;

import dev.gatehouse.config.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system for the embedded database ({@code jdbc:h2:owneronly:/…}): the disk, except that every file H2
 * creates (the {@code .mv.db} store, {@code .trace.db}, temporary and compaction files) is created with mode 0600
 * by {@link PrivateFiles} before H2 opens it, so none exists for a moment with the umask's wider mode. H2 itself
 * opens files with {@code FileChannel.open} and no permission attribute (0644 under the usual umask 022).
 * Public with a public constructor because H2 makes an instance per path reflectively.
 */
public final class OwnerOnlyFilePath extends FilePathWrapper {
    static final String SCHEME = "owneronly";
    private static volatile boolean registered;

    /** Makes the scheme known to H2 (once per JVM). */
    static void register() {
        if (!registered) {
            synchronized (OwnerOnlyFilePath.class) {
                if (!registered) {
                    FilePath.register(new OwnerOnlyFilePath());
                    registered = true;
                }
            }
        }
    }

    public OwnerOnlyFilePath() {
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    private Path disk() {
        return Path.of(getBase().toString());
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!"r".equals(mode)) {
            PrivateFiles.create(disk());
        }
        return getBase().open(mode);
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        PrivateFiles.create(disk());
        return getBase().newOutputStream(append);
    }

    @Override
    public boolean createFile() {
        try {
            return PrivateFiles.create(disk());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void createDirectory() {
        try {
            PrivateFiles.directory(disk());
        } catch (IOException e) {
            getBase().createDirectory();
        }
    }

    @Override
    public FilePath createTempFile(String suffix, boolean inTempDir) throws IOException {
        if (inTempDir) {
            return super.createTempFile(suffix, true);
        }
        while (true) {
            FilePath candidate = getPath(name + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            if (candidate.createFile()) {
                return candidate;
            }
        }
    }
}

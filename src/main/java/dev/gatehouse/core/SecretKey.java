package dev.gatehouse.core;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.PrivateFiles;
import dev.gatehouse.crypto.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * {@code SECRET_KEY}: from the configuration, or (embedded mode only) generated once into
 * {@code <data dir>/secret_key} (mode 0600 from its creation, {@link PrivateFiles}). With PostgreSQL it must be configured, because every process of a
 * cluster must share it.
 */
public final class SecretKey {
    private SecretKey() {
    }

    public static String resolve(GatehouseConfig config) {
        if (config.secretKey().isPresent()) {
            return config.secretKey().get();
        }
        if (!config.embedded()) {
            throw new ConfigException("GATEHOUSE_SECRET_KEY",
                    "must be set when PostgreSQL is used (all processes of a cluster share it)");
        }
        Path file = config.dataDir().resolve("secret_key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            PrivateFiles.directory(config.dataDir());
            String key = Base64.getEncoder().encodeToString(Secrets.randomBytes(48));
            PrivateFiles.write(file, key);
            return key;
        } catch (IOException e) {
            throw new ConfigException("GATEHOUSE_DATA_DIR", "cannot read or create " + file);
        }
    }
}

package dev.gatehouse.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Flat view of every configuration source, keyed by dotted lower-case path ({@code postgresql.host}).
 * Precedence (lowest first): YAML file, {@code AUTHENTIK_*} environment, {@code GATEHOUSE_*} environment.
 * {@code GATEHOUSE_SECTION__KEY} nests with a double underscore, as authentik does.
 * Values of the form {@code env://NAME} and {@code file:///path} are resolved when read.
 */
public final class ConfigSource {
    private static final String[] PREFIXES = {"AUTHENTIK_", "GATEHOUSE_"};
    private final Map<String, String> values;
    private final Map<String, String> env;

    private ConfigSource(Map<String, String> values, Map<String, String> env) {
        this.values = values;
        this.env = env;
    }

    /** Reads the YAML file named by {@code GATEHOUSE_CONFIG_FILE} (if any) and the environment. */
    public static ConfigSource load(Map<String, String> env, Path explicitFile) {
        Map<String, String> values = new LinkedHashMap<>();
        Path file = explicitFile;
        if (file == null) {
            String named = env.getOrDefault("GATEHOUSE_CONFIG_FILE", env.get("AUTHENTIK_CONFIG_FILE"));
            if (named != null && !named.isBlank()) {
                file = Path.of(named);
            }
        }
        if (file != null) {
            readYaml(file, values);
        }
        for (String prefix : PREFIXES) {
            for (Map.Entry<String, String> e : env.entrySet()) {
                if (e.getKey().startsWith(prefix) && !e.getKey().equals(prefix + "CONFIG_FILE")) {
                    values.put(envToPath(e.getKey().substring(prefix.length())), e.getValue());
                }
            }
        }
        return new ConfigSource(values, env);
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(new LinkedHashMap<>(values), Map.of());
    }

    static String envToPath(String suffix) {
        return suffix.toLowerCase(Locale.ROOT).replace("__", ".");
    }

    /** The environment-variable spelling of a dotted key, used to name it in error messages. */
    public static String envName(String path) {
        return "GATEHOUSE_" + path.toUpperCase(Locale.ROOT).replace(".", "__");
    }

    private static void readYaml(Path file, Map<String, String> into) {
        String key = "GATEHOUSE_CONFIG_FILE";
        if (!Files.isReadable(file)) {
            throw new ConfigException(key, "cannot read configuration file " + file);
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key, "configuration file " + file + " is not valid YAML: "
                    + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(key, "configuration file " + file + " must be a YAML mapping");
        }
        flatten("", root, into);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String path = prefix + e.getKey().toLowerCase(Locale.ROOT);
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(path + ".", v, into);
            } else if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode item : v) {
                    if (!sb.isEmpty()) {
                        sb.append(',');
                    }
                    sb.append(item.asString());
                }
                into.put(path, sb.toString());
            } else if (!v.isNull()) {
                into.put(path, v.asString());
            }
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A value with {@code env://} and {@code file://} indirections resolved; blank values count as absent. */
    public Optional<String> get(String path) {
        String raw = values.get(path);
        if (raw == null) {
            return Optional.empty();
        }
        String resolved = resolve(path, raw.trim());
        return resolved.isEmpty() ? Optional.empty() : Optional.of(resolved);
    }

    public String get(String path, String fallback) {
        return get(path).orElse(fallback);
    }

    private String resolve(String path, String raw) {
        if (raw.startsWith("env://")) {
            String name = raw.substring("env://".length());
            String v = env.get(name);
            if (v == null) {
                throw new ConfigException(envName(path), "refers to environment variable " + name + ", which is not set");
            }
            return v.trim();
        }
        if (raw.startsWith("file://")) {
            Path p = Path.of(raw.substring("file://".length()));
            try {
                return Files.readString(p).trim();
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(envName(path), "cannot read file " + p);
            }
        }
        return raw;
    }
}

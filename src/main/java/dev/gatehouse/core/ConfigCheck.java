package dev.gatehouse.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and checks the JSON config of a stage or a policy key by key; every problem becomes an error on
 * that key (the key is a top-level field of the API body). Values that fail are returned as {@code null}.
 */
public final class ConfigCheck {
    /** Lookups a config may need to check its references to other objects. */
    public interface References {
        boolean flowExists(UUID pk);

        /** The type of the stage with this pk, or {@code null} when there is none. */
        String stageType(UUID pk);

        boolean groupExists(UUID pk);

        boolean policyExists(UUID pk);
    }

    private static final String INVALID_PK = "Invalid pk - object does not exist.";
    private final Map<String, Object> config;
    private final Validation v;
    private final References refs;

    public ConfigCheck(Map<String, Object> config, Validation v, References refs) {
        this.config = config;
        this.v = v;
        this.refs = refs;
    }

    /** A mutable map from alternating keys and values ({@code null} values allowed): how types write defaults. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    public Object value(String key) {
        return config.get(key);
    }

    /** The type of the stage {@code pk} names (a UUID or its text), or null when there is none. */
    public String stageType(Object pk) {
        try {
            return refs.stageType(pk instanceof UUID u ? u : UUID.fromString(String.valueOf(pk)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public ConfigCheck error(String key, String message) {
        v.error(key, message);
        return this;
    }

    public Integer integer(String key, int min) {
        Object o = config.get(key);
        if (!(o instanceof Integer || o instanceof Long)) {
            error(key, "A valid integer is required.");
            return null;
        }
        long n = ((Number) o).longValue();
        if (n < min || n > Integer.MAX_VALUE) {
            error(key, n < min ? "Ensure this value is greater than or equal to " + min + "."
                    : "Ensure this value is less than or equal to " + Integer.MAX_VALUE + ".");
            return null;
        }
        return (int) n;
    }

    public Boolean bool(String key) {
        if (config.get(key) instanceof Boolean b) {
            return b;
        }
        error(key, "Must be a valid boolean.");
        return null;
    }

    public String string(String key) {
        if (config.get(key) instanceof String s) {
            return s;
        }
        error(key, "Not a valid string.");
        return null;
    }

    public String nonBlank(String key) {
        String s = string(key);
        if (s != null && s.isBlank()) {
            error(key, "This field may not be blank.");
            return null;
        }
        return s;
    }

    public String oneOf(String key, Collection<String> allowed) {
        String s = string(key);
        if (s != null && !allowed.contains(s)) {
            error(key, "\"" + s + "\" is not a valid choice.");
            return null;
        }
        return s;
    }

    public List<String> subsetOf(String key, Collection<String> allowed) {
        List<?> list = list(key);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !allowed.contains(s)) {
                error(key, "\"" + o + "\" is not a valid choice.");
                return null;
            }
            out.add(s);
        }
        return out;
    }

    public List<?> list(String key) {
        if (config.get(key) instanceof List<?> l) {
            return l;
        }
        error(key, "Expected a list of items.");
        return null;
    }

    public String timedelta(String key) {
        String s = string(key);
        if (s != null && !Timedelta.valid(s)) {
            error(key, "Invalid duration \"" + s + "\": use unit=amount pairs separated by ';', e.g. hours=1;minutes=2.");
            return null;
        }
        return s;
    }

    /** An optional reference: JSON null is allowed; otherwise a UUID for which {@code exists} holds. */
    private UUID reference(String key, java.util.function.Predicate<UUID> exists) {
        Object o = config.get(key);
        if (o == null) {
            return null;
        }
        UUID pk = uuid(key, o);
        if (pk != null && !exists.test(pk)) {
            error(key, "Invalid pk \"" + pk + "\" - object does not exist.");
            return null;
        }
        return pk;
    }

    private UUID uuid(String key, Object o) {
        try {
            return UUID.fromString(String.valueOf(o));
        } catch (IllegalArgumentException e) {
            error(key, "\"" + o + "\" is not a valid UUID.");
            return null;
        }
    }

    public UUID flow(String key) {
        return reference(key, refs::flowExists);
    }

    public UUID group(String key) {
        return reference(key, refs::groupExists);
    }

    /** A reference to a stage of the given type. */
    public UUID stage(String key, String type) {
        return reference(key, pk -> type.equals(refs.stageType(pk)));
    }

    /** A list of references to stages whose type {@code type} accepts. */
    public List<UUID> stages(String key, java.util.function.Predicate<String> type) {
        List<?> list = list(key);
        if (list == null) {
            return null;
        }
        List<UUID> out = new ArrayList<>();
        for (Object o : list) {
            UUID pk = uuid(key, o);
            if (pk == null) {
                return null;
            }
            String found = refs.stageType(pk);
            if (found == null || !type.test(found)) {
                error(key, "Invalid pk \"" + pk + "\" - object does not exist.");
                return null;
            }
            out.add(pk);
        }
        return out;
    }

    public List<UUID> policies(String key) {
        List<?> list = list(key);
        if (list == null) {
            return null;
        }
        List<UUID> out = new ArrayList<>();
        for (Object o : list) {
            UUID pk = uuid(key, o);
            if (pk == null || !refs.policyExists(pk)) {
                if (pk != null) {
                    error(key, INVALID_PK);
                }
                return null;
            }
            out.add(pk);
        }
        return out;
    }
}

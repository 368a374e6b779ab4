package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every context key declared in the main code (found by scanning its classes, so a new key is covered without
 * being listed here) has a codec, and a value under it reads back equal after being stored as JSON, with its
 * secrecy; a user and an application are stored by pk and read again; a type without a codec cannot be a key.
 */
class ContextCodecsTest {
    private static final User ALICE = new User(7, UUID.randomUUID(), "alice", "Alice", "alice@example.org", "!",
            null, true, UserType.INTERNAL, "users", Map.of(), null, Instant.parse("2026-01-01T00:00:00Z"));
    private static final Application APP = new Application(UUID.randomUUID(), "app", "App", 3L, "", "", "", "", "",
            "any", false, Instant.parse("2026-01-01T00:00:00Z"));
    private static final ContextRefs REFS = new ContextRefs() {
        @Override
        public Optional<User> user(long pk) {
            return pk == ALICE.pk() ? Optional.of(ALICE) : Optional.empty();
        }

        @Override
        public Optional<Application> application(UUID pk) {
            return pk.equals(APP.pk()) ? Optional.of(APP) : Optional.empty();
        }
    };

    @Test
    void everyDeclaredKeyWhenStoredThenReadsBackEqualWithItsSecrecy() throws Exception {
        List<ContextKey<?>> keys = declaredKeys();
        assertThat(keys).extracting(ContextKey::name).contains("pending_user", "prompt_data", "application",
                "authenticator_totp_secret", "authenticator_static_codes", "webauthn_registration_challenge",
                "prompt_draft", "authenticator_validate_selected", "consent_permissions");
        for (ContextKey<?> key : keys) {
            roundTrip(key);
        }
    }

    @Test
    void referencedObjectWhenGoneThenItsKeyIsAbsent() {
        FlowContext c = new FlowContext();
        c.put(FlowKeys.PENDING_USER, new User(99, UUID.randomUUID(), "gone", "", "", "!", null, true,
                UserType.INTERNAL, "users", Map.of(), null, Instant.EPOCH));
        c.put(FlowKeys.PENDING_USER_IDENTIFIER, "gone");
        FlowContext read = FlowContext.decode(reparse(c.encode()), REFS);
        assertThat(read.get(FlowKeys.PENDING_USER)).isEmpty();
        assertThat(read.get(FlowKeys.PENDING_USER_IDENTIFIER)).contains("gone");
    }

    @Test
    void typeWithoutCodecWhenDeclaredAsKeyThenRefused() {
        assertThatThrownBy(() -> new ContextKey<>("not_storable", Thread.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no context codec");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void roundTrip(ContextKey key) {
        Object value = sample(key.type(), key.name());
        FlowContext c = new FlowContext();
        c.put(key, value);
        Map<String, Object> stored = reparse(c.encode());
        if (key.type() == User.class || key.type() == Application.class) {
            assertThat(((Map<String, Object>) stored.get(key.name())).get("v")).as(key.name() + " stored by pk")
                    .isInstanceOfAny(Number.class, String.class);
        }
        FlowContext read = FlowContext.decode(stored, REFS);
        Optional<?> back = read.get(key);
        assertThat(back).as(key.name()).isPresent();
        assertThat((Object) back.get()).as(key.name()).usingRecursiveComparison().isEqualTo(value);
        assertThat(read.asMap().containsKey(key.name())).as(key.name() + " secrecy").isEqualTo(!key.secret());
    }

    /** Through JSON text and back, as a stored plan goes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> reparse(Map<String, Object> encoded) {
        return ContextCodecs.MAPPER.readValue(ContextCodecs.MAPPER.writeValueAsString(encoded), Map.class);
    }

    /** A value of {@code type}; a key of a type this test cannot make fails it (give it a sample here). */
    private static Object sample(Class<?> type, String name) {
        if (type == String.class) {
            return "välue of " + name;
        } else if (type == Boolean.class || type == boolean.class) {
            return true;
        } else if (type == Integer.class || type == int.class) {
            return 3;
        } else if (type == Long.class || type == long.class) {
            return 5L;
        } else if (type == Map.class) {
            return Map.of("text", "x", "number", 12L, "flag", false, "list", List.of("a", "b"), "map", Map.of("k", "v"));
        } else if (type == List.class) {
            return List.of("one", "two");
        } else if (type == User.class) {
            return ALICE;
        } else if (type == Application.class) {
            return APP;
        } else if (type == byte[].class) {
            return new byte[]{1, 2, 3, (byte) 0xff};
        } else if (type == Instant.class) {
            return Instant.parse("2026-02-03T04:05:06.789Z");
        } else if (type == Duration.class) {
            return Duration.ofSeconds(90);
        } else if (type == UUID.class) {
            return UUID.fromString("0b6f1c9e-2f0a-4c7e-9a51-3d2b8e6f4a10");
        } else if (type.isRecord()) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                Object[] args = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    args[i] = sample(types[i], components[i].getName());
                }
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no sample value for context key " + name + " of type " + type.getName());
    }

    /** Every static ContextKey field of the main classes. */
    private static List<ContextKey<?>> declaredKeys() throws URISyntaxException, IOException {
        Path root = Path.of(ContextKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<ContextKey<?>> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, ContextCodecsTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Field[] fields;
                try {
                    fields = type.getDeclaredFields();
                } catch (LinkageError e) {
                    continue;
                }
                for (Field f : fields) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == ContextKey.class) {
                        try {
                            f.setAccessible(true);
                            keys.add((ContextKey<?>) f.get(null));
                        } catch (IllegalAccessException e) {
                            throw new UncheckedIOException(new IOException(e));
                        }
                    }
                }
            }
        }
        return keys;
    }
}

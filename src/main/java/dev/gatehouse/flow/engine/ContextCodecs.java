package dev.gatehouse.flow.engine;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codecs of the context's value types, chosen by a key's type: text, numbers and booleans as themselves; maps
 * and lists (of JSON values) as JSON; a {@link User} or an {@link Application} by primary key, read again when the
 * plan is loaded; a record by its components ({@code record:<class>}), for small typed values such as an issued
 * WebAuthn challenge. A key of any other type has no codec: declaring it fails.
 */
public final class ContextCodecs {
    /** Reads whole numbers as {@code Long}, as the stages that put them (device pks, prompt numbers) do. */
    static final JsonMapper MAPPER = Json.MAPPER.rebuild().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private static final String RECORD = "record:";

    public static final ContextCodec<String> STRING = codec("string", v -> v, (s, refs) -> (String) s);
    public static final ContextCodec<Boolean> BOOLEAN = codec("boolean", v -> v, (s, refs) -> (Boolean) s);
    public static final ContextCodec<Integer> INTEGER = codec("integer", v -> v, (s, refs) -> ((Number) s).intValue());
    public static final ContextCodec<Long> LONG = codec("long", v -> v, (s, refs) -> ((Number) s).longValue());
    @SuppressWarnings("rawtypes")
    public static final ContextCodec<Map> MAP = codec("map", v -> v, (s, refs) -> (Map) s);
    @SuppressWarnings("rawtypes")
    public static final ContextCodec<List> LIST = codec("list", v -> v, (s, refs) -> (List) s);
    public static final ContextCodec<User> USER = codec("user", User::pk,
            (s, refs) -> refs.user(((Number) s).longValue()).orElse(null));
    public static final ContextCodec<Application> APPLICATION = codec("application", a -> a.pk().toString(),
            (s, refs) -> refs.application(UUID.fromString((String) s)).orElse(null));
    private static final Map<Class<?>, ContextCodec<?>> BY_TYPE = Map.of(String.class, STRING, Boolean.class, BOOLEAN,
            Integer.class, INTEGER, Long.class, LONG, Map.class, MAP, List.class, LIST, User.class, USER,
            Application.class, APPLICATION);

    private ContextCodecs() {
    }

    /** The codec for values of {@code type}; {@link IllegalArgumentException} when the type has none. */
    @SuppressWarnings("unchecked")
    public static <T> ContextCodec<T> forType(Class<T> type) {
        ContextCodec<?> standard = BY_TYPE.get(type);
        if (standard != null) {
            return (ContextCodec<T>) standard;
        }
        if (type.isRecord()) {
            return (ContextCodec<T>) new RecordCodec<>(type);
        }
        throw new IllegalArgumentException("no context codec for " + type.getName()
                + ": give the key a codec, or use a type that has one");
    }

    /** The codec that wrote a stored value under {@code tag}. */
    static Optional<ContextCodec<?>> byTag(String tag) {
        if (tag.startsWith(RECORD)) {
            try {
                Class<?> type = Class.forName(tag.substring(RECORD.length()), true, ContextCodecs.class.getClassLoader());
                return type.isRecord() && type.getName().startsWith("dev.gatehouse.")
                        ? Optional.of(new RecordCodec<>(type)) : Optional.empty();
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        }
        return BY_TYPE.values().stream().<ContextCodec<?>>map(c -> c).filter(c -> c.tag().equals(tag)).findFirst();
    }

    private static <T> ContextCodec<T> codec(String tag, Function<T, Object> encode,
                                             BiFunction<Object, ContextRefs, T> decode) {
        return new ContextCodec<>() {
            @Override
            public String tag() {
                return tag;
            }

            @Override
            public Object encode(T value) {
                return encode.apply(value);
            }

            @Override
            public T decode(Object stored, ContextRefs refs) {
                return decode.apply(stored, refs);
            }
        };
    }

    /** A record by its components, through the JSON mapper (byte arrays as base64, instants as text). */
    private record RecordCodec<T>(Class<T> type) implements ContextCodec<T> {
        public String tag() {
            return RECORD + type.getName();
        }

        public Object encode(T value) {
            return MAPPER.convertValue(value, Map.class);
        }

        public T decode(Object stored, ContextRefs refs) {
            return MAPPER.convertValue(stored, type);
        }
    }
}

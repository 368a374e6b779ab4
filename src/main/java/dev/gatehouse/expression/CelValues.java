package dev.gatehouse.expression;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Converts between plain Java data (what JSON columns and records hold) and the values CEL evaluates over:
 * integers become {@code Long}, {@code null} becomes CEL's {@code null}, UUIDs strings, instants timestamps.
 */
public final class CelValues {
    private CelValues() {
    }

    /**
     * A plain value as CEL sees it. Map keys become strings; a value of a type CEL has no use for (a Java object
     * other than the ones listed in the class comment) is left out of its map or list rather than guessed at.
     */
    public static Object toCel(Object o) {
        return switch (o) {
            case null -> NullValue.NULL_VALUE;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
            case BigDecimal b -> b.doubleValue();
            case Number n -> n.doubleValue();
            case UUID u -> u.toString();
            case Instant i -> i;
            case Enum<?> e -> e.name().toLowerCase(java.util.Locale.ROOT);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (convertible(v)) {
                        out.put(String.valueOf(k), toCel(v));
                    }
                });
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.stream().filter(CelValues::convertible).forEach(v -> out.add(toCel(v)));
                yield out;
            }
            default -> throw new IllegalArgumentException("no CEL value for " + o.getClass().getName());
        };
    }

    static boolean convertible(Object o) {
        return o == null || o instanceof String || o instanceof Boolean || o instanceof Number || o instanceof UUID
                || o instanceof Instant || o instanceof Enum<?> || o instanceof Map<?, ?> || o instanceof Collection<?>;
    }

    /** Thrown by {@link #toJava} when a result breaks {@link ExpressionLimits#maxResultEntries} or the string limit. */
    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A CEL result as plain Java data (see {@link ExpressionResult.Value}), checked against the result limits. */
    static Object toJava(Object v, ExpressionLimits limits) throws TooLarge {
        return new Counter(limits).java(v);
    }

    private static final class Counter {
        private final ExpressionLimits limits;
        private long entries;

        Counter(ExpressionLimits limits) {
            this.limits = limits;
        }

        Object java(Object v) throws TooLarge {
            return switch (v) {
                case null -> null;
                case NullValue n -> null;
                case String s -> {
                    if (s.length() > limits.maxResultString()) {
                        throw new TooLarge("The result has a string of " + s.length() + " characters; at most "
                                + limits.maxResultString() + " are allowed.");
                    }
                    yield s;
                }
                case Map<?, ?> m -> {
                    count(m.size());
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        out.put(String.valueOf(java(e.getKey())), java(e.getValue()));
                    }
                    yield out;
                }
                case Collection<?> c -> {
                    count(c.size());
                    List<Object> out = new ArrayList<>(c.size());
                    for (Object e : c) {
                        out.add(java(e));
                    }
                    yield out;
                }
                case Optional<?> o -> java(o.orElse(null));
                case com.google.common.primitives.UnsignedLong u -> u.longValue() >= 0 ? (Object) u.longValue()
                        : u.doubleValue();
                case Instant i -> i.toString();
                case Duration d -> d.toString();
                case CelByteString b -> Base64.getEncoder().encodeToString(b.toByteArray());
                default -> v;
            };
        }

        private void count(int n) throws TooLarge {
            entries += n;
            if (entries > limits.maxResultEntries()) {
                throw new TooLarge("The result has more than " + limits.maxResultEntries()
                        + " list elements and map entries.");
            }
        }
    }
}

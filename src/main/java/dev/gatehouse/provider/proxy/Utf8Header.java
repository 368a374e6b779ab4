package dev.gatehouse.provider.proxy;

import io.helidon.common.GenericType;
import io.helidon.common.mapper.Value;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response header whose value goes on the wire as UTF-8 bytes, as authentik's outpost (Go) sends them: Helidon
 * writes header values as US-ASCII, which would turn {@code Jürgen} into {@code J?rgen} for the upstream. HTTP
 * lets such bytes through as opaque {@code obs-text} (RFC 9110 §5.5); the proxies copy them unchanged. Its
 * {@link #get} is the value as those bytes read in ISO-8859-1, one character per byte.
 */
final class Utf8Header implements Header {
    private final Header delegate;
    private final byte[] bytes;

    private Utf8Header(HeaderName name, byte[] bytes) {
        this.delegate = HeaderValues.create(name, new String(bytes, StandardCharsets.ISO_8859_1));
        this.bytes = bytes;
    }

    /** The header, as Helidon's own when the value is ASCII. */
    static Header of(HeaderName name, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                return new Utf8Header(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HeaderValues.create(name, value);
    }

    @Override
    public byte[] valueBytes() {
        return bytes.clone();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public HeaderName headerName() {
        return delegate.headerName();
    }

    @Override
    public List<String> allValues() {
        return delegate.allValues();
    }

    @Override
    public int valueCount() {
        return delegate.valueCount();
    }

    @Override
    public boolean sensitive() {
        return delegate.sensitive();
    }

    @Override
    public boolean changing() {
        return delegate.changing();
    }

    @Override
    public String get() {
        return delegate.get();
    }

    @Override
    public <N> Value<N> as(Class<N> type) {
        return delegate.as(type);
    }

    @Override
    public <N> Value<N> as(GenericType<N> type) {
        return delegate.as(type);
    }

    @Override
    public <N> Value<N> as(Function<? super String, ? extends N> mapper) {
        return delegate.as(mapper);
    }

    @Override
    public Optional<String> asOptional() {
        return delegate.asOptional();
    }

    @Override
    public Value<Boolean> asBoolean() {
        return delegate.asBoolean();
    }

    @Override
    public Value<String> asString() {
        return delegate.asString();
    }

    @Override
    public Value<Integer> asInt() {
        return delegate.asInt();
    }

    @Override
    public Value<Long> asLong() {
        return delegate.asLong();
    }

    @Override
    public Value<Double> asDouble() {
        return delegate.asDouble();
    }
}

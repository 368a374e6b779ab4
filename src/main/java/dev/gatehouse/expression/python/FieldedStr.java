package dev.gatehouse.expression.python;

import java.util.Map;

/**
 * A string that also answers a few keys, for GeoIP values: {@code geoip['country']} is {@code "CH"} and, as in
 * MaxMind's raw record, {@code geoip['country']['iso_code']} and {@code .get('iso_code')} are {@code "CH"} too.
 * Everywhere else it is the plain string.
 */
record FieldedStr(String value, Map<String, Object> fields) {
    @Override
    public String toString() {
        return value;
    }
}

package dev.gatehouse.expression.python;

import java.util.List;

/** A Python tuple: an immutable sequence. */
record Tuple(List<Object> items) {
    static final Tuple EMPTY = new Tuple(List.of());

    static Tuple of(Object... items) {
        return new Tuple(java.util.Arrays.asList(items));
    }
}

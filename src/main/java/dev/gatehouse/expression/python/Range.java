package dev.gatehouse.expression.python;

/** {@code range(start, stop, step)}: lazy, so {@code range(10**9)} costs nothing until iterated (and bounded then). */
record Range(long start, long stop, long step) {
    long length() {
        if (step > 0 && start < stop) {
            return Math.subtractExact(stop, start + 1) / step + 1;
        }
        if (step < 0 && start > stop) {
            return Math.subtractExact(start, stop + 1) / Math.negateExact(step) + 1;
        }
        return 0;
    }

    long get(long i) {
        return start + i * step;
    }
}

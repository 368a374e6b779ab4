package dev.gatehouse.store;

import io.micrometer.core.instrument.Counter;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the SQL statements a piece of work runs: while {@link #SCOPE} is bound (a request path marks itself,
 * e.g. forward auth), every statement jOOQ executes on that thread increments the bound counter. It is how a
 * test and the benchmark show that a hot path does no database round trip.
 */
public final class QueryCounter implements ExecuteListener {
    /** The counter of the work running now, if it asked to be counted. */
    public static final ScopedValue<Counter> SCOPE = ScopedValue.newInstance();
    static final QueryCounter INSTANCE = new QueryCounter();

    private QueryCounter() {
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (SCOPE.isBound()) {
            SCOPE.get().increment();
        }
    }
}

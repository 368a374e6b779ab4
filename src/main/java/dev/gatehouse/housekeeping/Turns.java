package dev.gatehouse.housekeeping;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Turns at background work shared by the processes of a cluster ({@code housekeeping_turn}): a process takes the
 * turn with one conditional UPDATE, which succeeds for one process per interval whatever the others do at the same
 * moment (PostgreSQL's row lock serialises the updates; the loser re-checks the condition and changes nothing).
 */
final class Turns {
    private static final Table<?> T = table(name("housekeeping_turn"));
    private static final Field<String> NAME = field(name("housekeeping_turn", "name"), SQLDataType.VARCHAR);
    private static final Field<Instant> LAST_RUN = field(name("housekeeping_turn", "last_run"), SQLDataType.INSTANT);
    private static final Field<String> RUN_BY = field(name("housekeeping_turn", "run_by"), SQLDataType.VARCHAR);

    private Turns() {
    }

    /**
     * Takes the turn named {@code work} for {@code process} when nobody took it in the last {@code interval}
     * (less a tenth, so that timers firing a little early still find it due); true when this call took it.
     */
    static boolean take(DSLContext dsl, String work, String process, Instant now, Duration interval) {
        Instant due = now.minus(interval.minus(interval.dividedBy(10)));
        return dsl.update(T).set(LAST_RUN, now).set(RUN_BY, process)
                .where(NAME.eq(work)).and(LAST_RUN.le(due)).execute() == 1;
    }
}

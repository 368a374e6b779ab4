package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan parked under a link's token: claimed once (of two browsers opening the link at once, one gets it), never
 * reachable as a browser's flow key, and stored under a hash of the token only.
 */
class ParkedPlansTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Flow flow(Database db) {
        Flow f = new Flow(UUID.randomUUID(), "parked", "p", "Parked", "recovery", "none", "message_continue",
                "stacked", "any", false, "", Instant.now());
        new FlowStore(db.dsl()).insert(f);
        return f;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void twoBrowsersOpeningOneLinkAtOnceThenExactlyOneGetsThePlan(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            FlowPlans plans = new FlowPlans(db, "secret");
            Flow flow = flow(db);
            FlowContext context = new FlowContext();
            context.put(FlowKeys.PENDING_USER_IDENTIFIER, "alice");
            FlowPlans.Parked parked = plans.park("the-token", new FlowPlan(flow, List.of(), context), Duration.ofMinutes(5));

            assertThat(db.dsl().fetchValue("select state from flows_plan_state where key_hash = ?", parked.key())
                    .toString()).doesNotContain("alice").doesNotContain("the-token");
            assertThat(plans.get("the-token", flow)).as("a flow cookie cannot address a parked plan").isNull();

            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Optional<FlowPlan>> open = () -> {
                together.await();
                return db.tx(dsl -> plans.claim("the-token", flow));
            };
            try (ExecutorService two = Executors.newFixedThreadPool(2)) {
                Future<Optional<FlowPlan>> a = two.submit(open);
                Future<Optional<FlowPlan>> b = two.submit(open);
                List<Optional<FlowPlan>> got = List.of(a.get(), b.get());
                assertThat(got).filteredOn(Optional::isPresent).hasSize(1);
                assertThat(got.stream().flatMap(Optional::stream).findFirst().orElseThrow().context()
                        .get(FlowKeys.PENDING_USER_IDENTIFIER)).contains("alice");
            }
            assertThat(plans.claim("the-token", flow)).isEmpty();
        }
    }
}

package dev.gatehouse.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Evaluations that would run long or build large values stop with a failure naming the bound. */
class ExpressionBoundsTest {
    /** A list literal 0..n-1: CEL has no range function, so a "large range" is nesting over a list. */
    private static String range(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    /** {@code depth} nested comprehensions over {@code r}: r.size()^depth iterations. */
    private static String nested(String r, int depth) {
        String body = "true";
        for (int i = depth; i > 0; i--) {
            body = r + ".all(x" + i + ", " + body + ")";
        }
        return body;
    }

    private static ExpressionResult policy(ExpressionCompiler compiler, String source) throws ExpressionException {
        return compiler.compile(ExpressionKind.POLICY, source).evaluate(ExpressionContext.builder().build());
    }

    private static void assertFailure(ExpressionResult r, String message) {
        assertThat(r).isInstanceOfSatisfying(ExpressionResult.Failure.class,
                f -> assertThat(f.message()).contains(message));
    }

    @Test
    void evaluateWhenNestedComprehensionsThenIterationBudgetStopsThem() throws Exception {
        ExpressionCompiler patient = new ExpressionCompiler(ExpressionLimits.DEFAULT.withTimeout(Duration.ofSeconds(30)));
        assertFailure(policy(patient, nested(range(100), 4)), "Iteration budget exceeded: 10000");
        assertThat(policy(ExpressionCompiler.standard(), nested(range(100), 1)))
                .isEqualTo(new ExpressionResult.Value(true, List.of()));
    }

    @Test
    void evaluateWhenPathologicalWithoutIterationBudgetThenTimeBoundStopsIt() throws Exception {
        ExpressionCompiler unbudgeted = new ExpressionCompiler(ExpressionLimits.DEFAULT.withMaxIterations(-1)
                .withTimeout(Duration.ofMillis(100)));
        CompiledExpression endless = unbudgeted.compile(ExpressionKind.POLICY, nested(range(50), 8));
        long start = System.nanoTime();
        ExpressionResult r = endless.evaluate(ExpressionContext.builder().build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertFailure(r, "took longer than 100 ms");
        assertThat(took).as("50^8 iterations stop at the 100 ms bound").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void evaluateWhenErrorsWouldBeAbsorbedThenTimeBoundStillStops() throws Exception {
        ExpressionCompiler unbudgeted = new ExpressionCompiler(ExpressionLimits.DEFAULT.withMaxIterations(-1)
                .withTimeout(Duration.ofMillis(100)));
        String inner = range(50) + ".exists(y, 1 / 0 == 1 || " + nested(range(50), 6) + ")";
        long start = System.nanoTime();
        ExpressionResult r = policy(unbudgeted, range(50) + ".exists(x, " + inner + ") || true");
        assertFailure(r, "took longer than 100 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void evaluateWhenThreadInterruptedThenStops() throws Exception {
        ExpressionCompiler unbudgeted = new ExpressionCompiler(ExpressionLimits.DEFAULT.withMaxIterations(-1)
                .withTimeout(Duration.ofMinutes(5)));
        CompiledExpression endless = unbudgeted.compile(ExpressionKind.POLICY, nested(range(50), 8));
        CompletableFuture<ExpressionResult> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> result.complete(endless.evaluate(ExpressionContext.builder().build())));
        Thread.sleep(50);
        t.interrupt();
        assertFailure(result.get(2, TimeUnit.SECONDS), "stopped");
    }

    @Test
    void evaluateWhenBuildingLargeStringsThenComputedBoundStops() throws Exception {
        String big = "x".repeat(60_000);
        ExpressionContext c = ExpressionContext.builder().user(Fixtures.user("u", "U", Map.of("big", big)), null).build();
        CompiledExpression grow = ExpressionCompiler.standard().compile(ExpressionKind.POLICY,
                range(1000) + ".map(i, user.attributes.big + user.attributes.big).size() == 1000");
        assertFailure(grow.evaluate(c), "built more than 1048576 characters");
    }

    @Test
    void evaluateWhenResultTooLargeThenFailure() throws Exception {
        CompiledExpression mapping = ExpressionCompiler.standard().compile(ExpressionKind.MAPPING,
                "{'items': token.items, 'text': token.text}");
        ExpressionContext large = ExpressionContext.builder()
                .token(Map.of("items", Collections.nCopies(10_001, 1), "text", "")).build();
        assertFailure(mapping.evaluate(large), "more than 10000 list elements and map entries");
        ExpressionContext longText = ExpressionContext.builder()
                .token(Map.of("items", List.of(), "text", "y".repeat(64 * 1024 + 1))).build();
        assertFailure(mapping.evaluate(longText), "a string of 65537 characters");
        ExpressionContext fine = ExpressionContext.builder().token(Map.of("items", List.of(1, 2), "text", "t")).build();
        assertThat(Fixtures.value(mapping.evaluate(fine))).isEqualTo(Map.of("items", List.of(1L, 2L), "text", "t"));
    }
}

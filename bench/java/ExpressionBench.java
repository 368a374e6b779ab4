import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.core.UserType;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evaluation time of the Nextcloud Profile scope mapping, in authentik's Python (the seed's text) and in its CEL
 * form, on one thread, after a warm-up. Both must give the same claims. Goal: Python within 2x of CEL and under
 * 50 microseconds per evaluation.
 * Usage: ExpressionBench <python-source-file> <warm-up iterations> <measured iterations> <rounds>
 */
public final class ExpressionBench {
    static final String CEL = """
            {
              "name": request.user.name,
              "groups": ak_is_group_member(user, "nextcloud Admins") ? ["admin"] : [],
              "quota": user.group_attributes.?nextcloud_quota.orValue(null),
              "user_id": user.attributes.?nextcloud_user_id.orValue(user.username),
            }""";

    public static void main(String[] args) throws Exception {
        String python = Files.readString(Path.of(args[0]));
        int warmup = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Group admins = new Group(UUID.randomUUID(), "nextcloud Admins", false, List.of(),
                Map.of("nextcloud_quota", "10 GB"), Instant.EPOCH);
        Group users = new Group(UUID.randomUUID(), "nextcloud Users", false, List.of(), Map.of(), Instant.EPOCH);
        User alice = new User(42, UUID.randomUUID(), "alice", "Alice Liddell", "alice@example.com", null, null, true,
                UserType.INTERNAL, "users", Map.of("nextcloud_user_id", "alice.nc"), null, Instant.EPOCH);
        ExpressionContext context = ExpressionContext.builder()
                .user(alice, new UserGroups(List.of(admins, users), List.of(admins, users)))
                .provider(Map.of("name", "Nextcloud")).token(Map.of("scope", "openid profile")).build();
        ExpressionCompiler compiler = ExpressionCompiler.standard();
        CompiledExpression py = compiler.compile(ExpressionKind.MAPPING, python);
        CompiledExpression cel = compiler.compile(ExpressionKind.MAPPING, CEL);
        ExpressionResult a = py.evaluate(context);
        ExpressionResult b = cel.evaluate(context);
        if (!a.equals(b) || !(a instanceof ExpressionResult.Value)) {
            System.out.println("FAIL: the two forms disagree: python=" + a + " cel=" + b);
            System.exit(1);
        }
        System.out.println("claims: " + ((ExpressionResult.Value) a).value());
        for (int i = 0; i < warmup; i++) {
            py.evaluate(context);
            cel.evaluate(context);
        }
        double bestPy = Double.MAX_VALUE;
        double bestCel = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            bestPy = Math.min(bestPy, time(py, context, iterations));
            bestCel = Math.min(bestCel, time(cel, context, iterations));
        }
        double ratio = bestPy / bestCel;
        System.out.printf("python_us_per_eval: %.2f%n", bestPy);
        System.out.printf("cel_us_per_eval: %.2f%n", bestCel);
        System.out.printf("ratio_python_to_cel: %.2f%n", ratio);
        boolean pass = ratio <= 2.0 && bestPy < 50.0;
        System.out.println((pass ? "PASS" : "FAIL") + ": goal python within 2x of CEL (" + String.format("%.2f", ratio)
                + "x) and under 50 us (" + String.format("%.2f", bestPy) + " us)");
        if (!pass) {
            System.exit(1);
        }
    }

    /** Microseconds per evaluation over {@code n} evaluations. */
    private static double time(CompiledExpression e, ExpressionContext context, int n) {
        int failures = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!(e.evaluate(context) instanceof ExpressionResult.Value)) {
                failures++;
            }
        }
        long took = System.nanoTime() - start;
        if (failures > 0) {
            throw new IllegalStateException(failures + " evaluations failed");
        }
        return took / 1000.0 / n;
    }
}

package dev.gatehouse.expression.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile expressions into the Python front end, from a fixed seed (so a failure reproduces): random
 * programs of the subset, token soup, mutated seed snippets and a list of known attacks (dunder walks, huge
 * repetitions and ranges, deep nesting, {@code while True}, unicode). Each one is either refused at save with a
 * line and column, or evaluates to a value or a failure within twice the time bound. Nothing escapes.
 */
class PythonFuzzTest {
    private static final Pattern POSITIONED = Pattern.compile("(?s)ERROR: expression:\\d+:\\d+: .+");
    private static final ExpressionCompiler COMPILER = ExpressionCompiler.standard();
    private static final long BOUND_NANOS = 2 * COMPILER.limits().timeout().toNanos();

    private static final List<String> HOSTILE = List.of(
            "return ().__class__.__bases__[0].__subclasses__()",
            "return user.__class__", "x = ''\nreturn x.__class__.__mro__", "return __builtins__",
            "return 'a' * 10 ** 10", "return len('a' * 10 ** 10) > 0", "return ['a'] * 10 ** 9",
            "return [x for x in range(10 ** 9)]", "return {x: x for x in range(10 ** 9)}",
            "return [[y for y in range(10 ** 5)] for x in range(10 ** 5)]", "return sum(range(10 ** 12)) > 0",
            "return list(range(10 ** 12))", "return sorted(range(10 ** 9))", "return 2 ** 10 ** 10", "return 10 ** 400",
            "return -2 ** 63 - 1", "return 9223372036854775807 + 1", "return 1 << 70", "return 1.0e308 * 10",
            "while True:\n    pass", "def f():\n    return f()\nreturn f()", "f = lambda: f()\nreturn f()",
            "import os\nreturn os.system('id')", "return __import__('os').system('id')", "return eval('1+1')",
            "return exec('x=1')", "return open('/etc/passwd').read()", "return getattr(user, '__class__')",
            "return globals()", "return vars()", "return type(user)", "return compile('1', 'x', 'eval')",
            "x = []\nx.append(x)\nreturn str(x)", "x = []\nx.append(x)\nreturn {'x': x}", "x = []\nx.append(x)\nreturn x == x",
            "x = {}\nx['a'] = x\nreturn {'x': x}", "x = [1]\nfor i in x:\n    x.append(i)\nreturn True",
            "s = 'ab'\nfor i in range(64):\n    s += s\nreturn True", "return 'x'.join(['y'] * 10 ** 7)",
            "return f'{1:>999999999}'", "return f'{1:>99999}' == ''", "return '{:>99999999}'.format(1)",
            "return '%s' % ('a' * 10 ** 7)", "return 'ab'.replace('', 'x' * 10 ** 6)", "return '0'.zfill(10 ** 12)",
            "return " + "(".repeat(5000) + "1" + ")".repeat(5000), "return " + "[".repeat(100) + "]".repeat(100),
            "return " + "-".repeat(3000) + "1", "return " + "not ".repeat(3000) + "True",
            "return " + "1 + ".repeat(3000) + "1", "x = 1\n" + "if x:\n".repeat(1) + " ".repeat(4) + "return True",
            "return '" + "é中😀".repeat(1000) + "'", "return 'a" + "\\".repeat(11) + "'",
            "return \"\"\"" + "x".repeat(100) + "", "return user.ak_groups.all()[0].__dict__",
            "return request.http_request.META.__class__", "return context['http_request']._request",
            "x = {}\nfor i in range(9000):\n    x[i] = str(i) * 100\nreturn len(x) > 0",
            "return [1] < [1, [2]] < 3", "return {[]: 1}", "return {{}}", "return {1, [2]}", "return range(3)[10]",
            "return 1 if True", "return (yield)", "async def f(): pass", "return await x", "return x := 1",
            "return ...", "return 1j", "return b'x'", "return 0777", "return 1__0", "return '\\N{DASH}'",
            "\tif True:\n  return 1", "if True:\n        return True\n    return False",
            "return r'\\'", "return f'{'", "return f'}'", "return f'{}'", "return f'{x!z}'", "return f'{1:{2:{3}}}'");

    private static final String[] VOCABULARY = {"user", "request", "context", "x", "y", "i", "return", "if", "else",
            "elif", "for", "in", "not", "and", "or", "is", "None", "True", "False", "pass", "break", "continue", "(",
            ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "//", "%", "<", ">", "+=",
            "'s'", "\"t\"", "f'{x}'", "0", "1", "-1", "10**10", "3.5", "len", "str", "range", "ak_message",
            "ak_is_in_network", "ak_user_by", "__class__", "_x", "eval", "open", "import", "while", "lambda", "def",
            "\n", "\n    ", "\n        ", "#", ";", "\\", "é", "中", "😀", "@", "$", "?", "!", "~", "|", "&", "^"};

    private static final String[] NAMES = {"user", "request", "context", "x", "y", "i", "k", "v"};
    private static final String[] CALLS = {"len", "str", "int", "float", "bool", "list", "dict", "tuple", "set",
            "min", "max", "sum", "any", "all", "sorted", "range", "enumerate", "zip", "abs", "round", "ak_message",
            "ak_is_in_network", "ak_is_group_member", "ak_user_has_authenticator", "ak_user_by", "print"};
    private static final String[] ATTRIBUTES = {"username", "name", "email", "pk", "attributes", "ak_groups", "META",
            "http_request", "user", "context", "get", "keys", "items", "lower", "split", "append", "all", "nope",
            "group_attributes", "join", "replace", "is_active"};
    private static final String[] OPERATORS = {"+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">", "<=",
            "in", "not in", "is", "is not", "and", "or", "&", "|", "^", "<<", ">>"};
    private static final String[] LITERALS = {"0", "1", "-1", "2", "7", "10 ** 10", "2 ** 62", "3.5", "-0.0",
            "1e308", "'a'", "''", "'héllo 中'", "'a' * 1000", "None", "True", "False", "[]", "{}", "()", "[1, 2, 3]",
            "{'a': 1}", "(1, 'x')", "{1, 2}", "'192.168.0.0/16'", "'10.1.2.3'", "99999999999999999"};

    private final Random random = new Random(0x5eed_18L);

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String expression(int depth) {
        if (depth <= 0) {
            return random.nextBoolean() ? pick(LITERALS) : pick(NAMES);
        }
        int d = depth - 1;
        return switch (random.nextInt(14)) {
            case 0 -> expression(d) + " " + pick(OPERATORS) + " " + expression(d);
            case 1 -> "not " + expression(d);
            case 2 -> "-" + expression(d);
            case 3 -> pick(CALLS) + "(" + args(d) + ")";
            case 4 -> expression(d) + "." + pick(ATTRIBUTES);
            case 5 -> expression(d) + "." + pick(ATTRIBUTES) + "(" + args(d) + ")";
            case 6 -> expression(d) + "[" + expression(d) + "]";
            case 7 -> expression(d) + "[" + (random.nextBoolean() ? expression(d) : "") + ":" + expression(d) + "]";
            case 8 -> "[" + expression(d) + " for x in " + expression(d) + (random.nextBoolean() ? " if " + expression(d) : "") + "]";
            case 9 -> "{" + expression(d) + ": " + expression(d) + " for k, v in " + expression(d) + ".items()}";
            case 10 -> "f'{" + expression(d).replace("'", "\"") + "}-{" + pick(NAMES) + "!r:>5}'";
            case 11 -> expression(d) + " if " + expression(d) + " else " + expression(d);
            case 12 -> "(" + expression(d) + ", " + expression(d) + ")";
            default -> "{" + expression(d) + ": " + expression(d) + "}";
        };
    }

    private String args(int depth) {
        int n = random.nextInt(3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(expression(depth));
        }
        if (random.nextInt(4) == 0) {
            out.add(pick(new String[]{"name", "username", "reverse", "default"}) + "=" + expression(depth));
        }
        return String.join(", ", out);
    }

    private void statements(StringBuilder b, String indent, int depth, int count) {
        for (int s = 0; s < count; s++) {
            switch (random.nextInt(depth <= 0 ? 4 : 7)) {
                case 0 -> b.append(indent).append(pick(NAMES)).append(" = ").append(expression(3)).append('\n');
                case 1 -> b.append(indent).append(pick(NAMES)).append(" += ").append(expression(2)).append('\n');
                case 2 -> b.append(indent).append(expression(3)).append('\n');
                case 3 -> b.append(indent).append("return ").append(expression(3)).append('\n');
                case 4 -> {
                    b.append(indent).append("if ").append(expression(2)).append(":\n");
                    statements(b, indent + "    ", depth - 1, 1 + random.nextInt(2));
                    if (random.nextBoolean()) {
                        b.append(indent).append("else:\n");
                        statements(b, indent + "    ", depth - 1, 1);
                    }
                }
                case 5 -> {
                    b.append(indent).append("for ").append(random.nextBoolean() ? "i" : "k, v").append(" in ")
                            .append(expression(2)).append(":\n");
                    statements(b, indent + "    ", depth - 1, 1 + random.nextInt(2));
                    if (random.nextBoolean()) {
                        b.append(indent).append("    ").append(random.nextBoolean() ? "break" : "continue").append('\n');
                    }
                }
                default -> b.append(indent).append("x, y = ").append(expression(2)).append('\n');
            }
        }
    }

    private String program() {
        StringBuilder b = new StringBuilder("x = 1\ny = 'a'\ni = 0\nk = 0\nv = 0\n");
        statements(b, "", 3, 1 + random.nextInt(5));
        b.append(random.nextBoolean() ? "return x == 1\n" : "return {'x': x, 'y': y}\n");
        return b.toString();
    }

    private String soup() {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(pick(VOCABULARY)).append(random.nextInt(3) == 0 ? "" : " ");
        }
        return b.toString();
    }

    private String mutated(List<String> seeds) {
        StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, pick(VOCABULARY));
                default -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PythonFuzzTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExpressionContext context() {
        Group admins = PythonFixtures.group("nextcloud Admins", Map.of("nextcloud_quota", "1 GB"));
        return ExpressionContext.builder()
                .user(PythonFixtures.user("alice", "Alice", Map.of("k", "v")), new UserGroups(List.of(admins), List.of(admins)))
                .http("192.168.1.5", "id.example.com", "/", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                .flowContext(Map.of("geoip", Map.of("country", "CH", "continent", "EU"), "prompt_data", Map.of("a", 1)))
                .provider(Map.of("name", "P")).token(Map.of("scope", "openid"))
                .authenticators(pk -> false).build();
    }

    private record Tally(int refused, int values, int failures) {
    }

    private Tally check(List<String> sources) {
        ExpressionContext context = context();
        int refused = 0;
        int values = 0;
        int failures = 0;
        for (String source : sources) {
            if (source.isBlank() || source.length() > COMPILER.limits().maxSourceLength()) {
                continue;
            }
            for (ExpressionKind kind : ExpressionKind.values()) {
                CompiledExpression compiled;
                try {
                    compiled = COMPILER.compile(kind, source);
                } catch (ExpressionException e) {
                    assertThat(e.getMessage()).as("refusal of %s", source).matches(POSITIONED);
                    refused++;
                    continue;
                }
                long start = System.nanoTime();
                ExpressionResult result = compiled.evaluate(context);
                long took = System.nanoTime() - start;
                assertThat(took).as("evaluation time of %s", source).isLessThan(BOUND_NANOS);
                assertThat(result).as(source).isNotNull();
                if (result instanceof ExpressionResult.Value) {
                    values++;
                } else {
                    failures++;
                }
            }
        }
        return new Tally(refused, values, failures);
    }

    @Test
    void hostileExpressionsAreRefusedOrBounded() {
        Tally t = check(HOSTILE);
        assertThat(t.refused()).isGreaterThan(20);
        assertThat(t.failures()).isGreaterThan(20);
    }

    @Test
    void randomProgramsAreRefusedOrBounded() {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            sources.add(program());
        }
        Tally t = check(sources);
        assertThat(t.values() + t.failures()).as("some programs run").isGreaterThan(500);
        assertThat(t.values()).as("some programs return a value of the kind").isGreaterThan(5);
    }

    @Test
    void tokenSoupAndMutatedSeedsAreRefusedOrBounded() throws IOException {
        List<String> seeds = List.of(resource("geoip_policy.py"), resource("user_agent_policy.py"),
                resource("nextcloud_profile_mapping.py"));
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            sources.add(soup());
            sources.add(mutated(seeds));
        }
        Tally t = check(sources);
        assertThat(t.refused()).isGreaterThan(1000);
    }
}

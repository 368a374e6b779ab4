package dev.gatehouse.expression.python;

import static dev.gatehouse.expression.python.PythonFixtures.compile;
import static dev.gatehouse.expression.python.PythonFixtures.failure;
import static dev.gatehouse.expression.python.PythonFixtures.group;
import static dev.gatehouse.expression.python.PythonFixtures.user;
import static dev.gatehouse.expression.python.PythonFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import dev.gatehouse.expression.UserLookup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python semantics of the interpreter: each case is a mapping returning {@code {"v": <expression>}}. */
class PythonInterpreterTest {
    private static final Group ADMINS = group("admins", Map.of("level", 3L, "quota", "1 GB"));
    private static final User ALICE = user("alice", "Alice", Map.of("team", "blue", "n", 7L));

    private static ExpressionContext context() {
        return ExpressionContext.builder().user(ALICE, new UserGroups(List.of(ADMINS), List.of(ADMINS)))
                .http("10.1.2.3", "id.example.com", "/flows/x", "curl/8").provider(Map.of("name", "P"))
                .token(Map.of("scope", "openid")).build();
    }

    private static ExpressionResult run(String body) throws Exception {
        return compile(ExpressionKind.MAPPING, body).evaluate(context());
    }

    private static Object eval(String expression) throws Exception {
        return ((Map<?, ?>) value(run("return {'v': " + expression + "}"))).get("v");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', commentCharacter = '§', value = {
            "7 // 2 | 3", "-7 // 2 | -4", "-7 % 3 | 2", "7 % -3 | -2", "7 / 2 | 3.5", "2 ** 10 | 1024", "2 ** -1 | 0.5",
            "-7.5 // 2 | -4.0", "1 + 2 * 3 - 4 | 3", "True + True | 2", "10 - -3 | 13", "abs(-4) | 4",
            "round(2.5) | 2", "round(3.5) | 4", "round(2.675, 2) | 2.67", "int('42') | 42", "int(3.9) | 3", "float('1.5') | 1.5",
            "len('héllo') | 5", "max(3, 9, 1) | 9", "min([4, 2, 8]) | 2", "sum([1, 2, 3]) | 6", "1 < 2 < 3 | true",
            "1 < 3 < 2 | false", "3 > 2 == 2 | true", "'ab' < 'b' | true", "[1, 2] < [1, 3] | true", "1 == 1.0 | true",
            "None is None | true", "[] is not None | true", "not [] | true", "0 or 'x' | x", "'' and 'y' | ''",
            "'a' in 'cat' | true", "2 in [1, 2] | true", "'k' in {'k': 1} | true", "3 not in (1, 2) | true",
            "5 in range(0, 10, 5) | true", "'x' if 0 else 'y' | y", "'abc'[-1] | c", "'abcdef'[1:4] | bcd",
            "'abcdef'[::-2] | fdb", "[1, 2, 3, 4][1:] | [1, 2, 3, 4][1:]", "' a b '.strip() | a b", "'A-b'.lower() | a-b",
            "'a,b,,c'.split(',') | a,b,,c", "'-'.join(['x', 'y']) | x-y", "'hello world'.title() | Hello World",
            "'abc'.startswith(('x', 'a')) | true", "'aaa'.replace('a', 'b', 2) | bba", "'abc'.find('c') | 2",
            "'banana'.count('an') | 2", "'42'.isdigit() | true", "'x'.capitalize() | X", "str(1.0) | 1.0",
            "str(None) | None", "str(True) | True", "repr('a') | 'a'", "str([1, 'a', None]) | [1, 'a', None]",
            "str({'a': (1,)}) | {'a': (1,)}", "f'{1 + 1}-{\"x\"!r}-{3.14159:.2f}-{7:>3}' | 2-'x'-3.14-  7",
            "f'{{}}{ALICE}' | {}alice", "'%s is %d' % ('n', 3) | n is 3", "'{} {x}'.format(1, x=2) | 1 2",
            "1e16 | 1e+16", "0.1 + 0.2 | 0.30000000000000004", "sorted([3, 1, 2], reverse=True) | [3, 2, 1]",
            "any([0, '', 1]) | true", "all([]) | true", "bool('0') | true", "10 ** 18 | 1000000000000000000",
    })
    void semantics(String expression, String expected) throws Exception {
        String source = expression.replace("ALICE", "user");
        Object v = eval(source);
        String shown = v instanceof String s ? s : v instanceof List<?> l ? String.valueOf(l) : String.valueOf(v);
        if (expected.equals("[1, 2, 3, 4][1:]")) {
            assertThat(v).isEqualTo(List.of(2L, 3L, 4L));
        } else if (expected.equals("a,b,,c")) {
            assertThat(v).isEqualTo(List.of("a", "b", "", "c"));
        } else if (expected.equals("''")) {
            assertThat(v).isEqualTo("");
        } else if (v instanceof Double d) {
            assertThat(Values.floatRepr(d)).isEqualTo(expected);
        } else {
            assertThat(shown).isEqualTo(expected);
        }
    }

    @Test
    void statementsLoopsAndComprehensions() throws Exception {
        assertThat(value(run("""
                total = 0
                seen = []
                for i in range(10):
                    if i == 7:
                        break
                    elif i % 2:
                        continue
                    total += i
                    seen.append(i)
                else:
                    seen.append('never')
                a, b = 'xy'
                pairs = {k: v for k, v in {'p': 1, 'q': 2}.items() if v > 1}
                squares = [x * x for x in range(4) if x]
                nested = [(i, j) for i in range(2) for j in range(2) if i != j]
                letters = {c for c in 'abca'}
                words = []
                for n, w in enumerate(['one', 'two'], 1):
                    words.append(f'{n}:{w}')
                d = {}
                d.setdefault('k', []).append(1)
                d['k'] += [2]
                return {'total': total, 'seen': seen, 'ab': a + b, 'pairs': pairs, 'squares': squares,
                        'nested': nested, 'letters': len(letters), 'words': words, 'd': d,
                        'zip': list(zip([1, 2], 'ab')), 'anyg': any(x > 2 for x in [1, 3])}
                """))).isEqualTo(Map.ofEntries(Map.entry("total", 12L), Map.entry("seen", List.of(0L, 2L, 4L, 6L)),
                Map.entry("ab", "xy"), Map.entry("pairs", Map.of("q", 2L)), Map.entry("squares", List.of(1L, 4L, 9L)),
                Map.entry("nested", List.of(List.of(0L, 1L), List.of(1L, 0L))), Map.entry("letters", 3L),
                Map.entry("words", List.of("1:one", "2:two")), Map.entry("d", Map.of("k", List.of(1L, 2L))),
                Map.entry("zip", List.of(List.of(1L, "a"), List.of(2L, "b"))), Map.entry("anyg", true)));
    }

    @Test
    void authentikObjects() throws Exception {
        assertThat(value(run("""
                g = user.ak_groups.all()[0]
                return {'u': user.username, 'pk': user.pk, 'active': user.is_active, 'email': user.email,
                        'attrs': user.attributes['team'], 'ga': user.group_attributes()['quota'],
                        'gname': g.name, 'glevel': g.attributes.get('level'), 'member': ak_is_group_member(user, name='admins'),
                        'member2': ak_is_group_member(user, 'other'), 'exists': user.ak_groups.filter(name='admins').exists(),
                        'ip': request.http_request.META['REMOTE_ADDR'], 'ua': request.http_request.META.get('HTTP_USER_AGENT'),
                        'host': request.http_request.get_host(), 'net': ak_is_in_network(ak_client_ip, '10.0.0.0/8'),
                        'same': request.user == user, 'provider': provider['name'], 'scope': token.get('scope'),
                        'auth': user.is_authenticated}
                """))).isEqualTo(Map.ofEntries(Map.entry("u", "alice"), Map.entry("pk", 42L), Map.entry("active", true),
                Map.entry("email", "alice@example.com"), Map.entry("attrs", "blue"), Map.entry("ga", "1 GB"),
                Map.entry("gname", "admins"), Map.entry("glevel", 3L), Map.entry("member", true),
                Map.entry("member2", false), Map.entry("exists", true), Map.entry("ip", "10.1.2.3"),
                Map.entry("ua", "curl/8"), Map.entry("host", "id.example.com"), Map.entry("net", true),
                Map.entry("same", true), Map.entry("provider", "P"), Map.entry("scope", "openid"),
                Map.entry("auth", true)));
    }

    @Test
    void loggerAndMessagesAreCollected() throws Exception {
        ExpressionResult r = compile(ExpressionKind.POLICY, """
                ak_logger.info("checking", user=user.username, n=2)
                ak_message("hello " + user.username)
                return True
                """).evaluate(ExpressionContext.builder().user(ALICE, null).build());
        assertThat(r).isEqualTo(new ExpressionResult.Value(true, List.of("hello alice"),
                List.of("info: checking user=alice n=2")));
    }

    @Test
    void akUserByAsksTheLookup() throws Exception {
        User bob = user("bob", "Bob B", Map.of());
        UserLookup lookup = filters -> "bob".equals(filters.get("username"))
                ? new UserLookup.Found(bob, new UserGroups(List.of(), List.of())) : null;
        String source = """
                other = ak_user_by(username='bob')
                return {'name': other.name if other else None, 'none': ak_user_by(username='zed') is None}
                """;
        assertThat(value(compile(ExpressionKind.MAPPING, source).evaluate(
                ExpressionContext.builder().user(ALICE, null).users(lookup).build())))
                .isEqualTo(Map.of("name", "Bob B", "none", true));
        assertThat(failure(compile(ExpressionKind.MAPPING, source).evaluate(
                ExpressionContext.builder().user(ALICE, null).build()))).contains("ak_user_by: not available");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', commentCharacter = '§', value = {
            "return {'v': {}['x']} | KeyError: 'x' (line 1)",
            "x = 1\\nreturn {'v': user.nope} | AttributeError: 'User' object has no attribute 'nope' (line 2)",
            "return {'v': 1 / 0} | ZeroDivisionError: division by zero (line 1)",
            "return {'v': 'a' + 1} | TypeError: unsupported operand type(s) for +: 'str' and 'int' (line 1)",
            "return {'v': [1][5]} | IndexError: list index out of range (line 1)",
            "return {'v': int('x')} | ValueError: invalid literal for int() with base 10: 'x' (line 1)",
            "return {'v': 2 ** 63} | OverflowError: integer result too large (ints are 64-bit here) (line 1)",
            "if True:\\n    y = 1\\nreturn {'v': z}\\nz = 1 | NameError: name 'z' is not defined (line 3)",
    })
    void runtimeErrorsArePythonLike(String source, String message) throws Exception {
        assertThat(failure(run(source.replace("\\n", "\n")))).isEqualTo(message);
    }

    @Test
    void policyResultMustBeABool() throws Exception {
        assertThat(failure(compile(ExpressionKind.POLICY, "x = 1").evaluate(context())))
                .isEqualTo("The expression returned None, not a bool.");
        assertThat(failure(compile(ExpressionKind.POLICY, "return 'yes'").evaluate(context())))
                .isEqualTo("The expression returned a string, not a bool.");
        assertThat(failure(compile(ExpressionKind.MAPPING, "return [1]").evaluate(context())))
                .isEqualTo("The expression returned a list, not a map(string, dyn).");
    }

    @Test
    void valuesAreFreshPerEvaluation() throws Exception {
        var e = compile(ExpressionKind.MAPPING, "user.attributes['team'] = 'red'\nreturn user.attributes");
        assertThat(value(e.evaluate(context()))).isEqualTo(Map.of("team", "red", "n", 7L));
        assertThat(value(compile(ExpressionKind.MAPPING, "return user.attributes").evaluate(context())))
                .isEqualTo(Map.of("team", "blue", "n", 7L));
    }
}

package dev.gatehouse.expression.python;

import static dev.gatehouse.expression.python.PythonFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionLanguage;
import dev.gatehouse.expression.ExpressionLimits;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokenizer, parser, checker and the language rule: what is refused at save, and where. */
class PythonFrontEndTest {

    private static String kinds(String source) throws PythonSyntaxError {
        return Tokenizer.tokenize(source).stream().map(t -> t.kind() == Token.Kind.NAME || t.kind() == Token.Kind.OP
                ? t.text() : t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.STRING ? String.valueOf(t.value())
                : t.kind().name()).collect(Collectors.joining(" "));
    }

    @Test
    void tokenizerIndentsContinuesAndDecodes() throws Exception {
        assertThat(kinds("if a:\n  x = [1,\n 2]  # c\n\n  y = 'a\\tb' \\\n + r'\\n'\nz = 0x1F + 1_000 + 2.5e1"))
                .isEqualTo("if a : NEWLINE INDENT x = [ 1 , 2 ] NEWLINE y = a\tb + \\n NEWLINE DEDENT z = 31 + 1000 + 25.0 "
                        + "NEWLINE EOF");
        assertThat(kinds("'''a\n'b'''")).isEqualTo("a\n'b NEWLINE EOF");
        assertThat(Tokenizer.tokenize("f'x{y}'").getFirst().kind()).isEqualTo(Token.Kind.FSTRING);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', commentCharacter = '§', value = {
            "import os | 1:1: 'import' is not supported in expressions",
            "x = 1\\nfrom os import path | 2:1: 'from' is not supported in expressions",
            "while True:\\n    pass | 1:1: 'while' is not supported in expressions",
            "def f():\\n    return 1 | 1:1: 'def' is not supported in expressions",
            "class A:\\n    pass | 1:1: 'class' is not supported in expressions",
            "f = lambda: 1 | 1:5: 'lambda' is not supported in expressions",
            "try:\\n    x = 1\\nexcept: pass | 1:1: 'try' is not supported in expressions",
            "return ().__class__ | 1:11: attributes starting with '_' are not allowed: '__class__'",
            "return user.__dict__ | 1:13: attributes starting with '_' are not allowed: '__dict__'",
            "return __import__('os') | 1:8: names starting with '_' are not allowed: '__import__'",
            "x = 1\\nreturn eval('1') | 2:8: 'eval' is not allowed in expressions",
            "return exec('1') | 1:8: 'exec' is not allowed in expressions",
            "return open('/etc/passwd') | 1:8: 'open' is not allowed in expressions",
            "return getattr(user, 'x') | 1:8: 'getattr' is not allowed in expressions",
            "return type(user) | 1:8: 'type' is not allowed in expressions",
            "if user:\\n    return nope | 2:12: name 'nope' is not defined",
            "return [x for x in y] | 1:20: name 'y' is not defined",
            "return (1 + | 1:12: unexpected end of the expression: a bracket is not closed",
            "x = 1\\n  y = 2 | 2:3: unexpected indent",
            "if x:\\nreturn 1 | 2:1: expected an indented block",
            "global x | 1:1: 'global' is not supported in expressions",
            "del x | 1:1: 'del' is not supported in expressions",
            "raise x | 1:1: 'raise' is not supported in expressions",
            "return x := 1 | 1:10: assignment expressions (:=) are not supported",
            "return f(*a) | 1:10: unpacking arguments with '*' is not supported",
            "return 'a\\n' | 1:8: unterminated string literal",
            "return b'x' | 1:8: bytes literals are not supported",
            "return 99999999999999999999 | 1:8: the integer literal is too large (ints are 64-bit here)",
            "return $ | 1:8: invalid character '$' (U+0024)",
            "break | 1:1: 'break' outside loop",
    })
    void refusedAtSaveWithPosition(String source, String message) {
        String body = source.replace("\\n", "\n");
        assertThatThrownBy(() -> compile(ExpressionKind.MAPPING, body))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("ERROR: expression:" + message);
    }

    @Test
    void refusalMessageLooksLikeCels() {
        assertThatThrownBy(() -> compile(ExpressionKind.POLICY, "x = 1\nimport os\nreturn True"))
                .hasMessage("ERROR: expression:2:1: 'import' is not supported in expressions\n | import os\n | ^");
        assertThatThrownBy(() -> compile(ExpressionKind.POLICY, "return user.__class__"))
                .hasMessage("ERROR: expression:1:13: attributes starting with '_' are not allowed: '__class__'\n"
                        + " | return user.__class__\n | ............^");
    }

    @Test
    void variablesDependOnTheKind() throws Exception {
        assertThatThrownBy(() -> compile(ExpressionKind.POLICY, "return provider['x'] == 1"))
                .hasMessageContaining("name 'provider' is not defined");
        assertThatThrownBy(() -> compile(ExpressionKind.MAPPING, "return context"))
                .hasMessageContaining("name 'context' is not defined");
        compile(ExpressionKind.POLICY, "return context.get('x') is None and ak_client_ip == ''");
    }

    @Test
    void nestingIsBounded() {
        String deep = "return " + "(".repeat(200) + "1" + ")".repeat(200);
        assertThatThrownBy(() -> compile(ExpressionKind.POLICY, deep))
                .hasMessageContaining("nested more than 64 levels deep");
        String deepNot = "return " + "not ".repeat(100) + "True";
        assertThatThrownBy(() -> compile(ExpressionKind.POLICY, deepNot)).hasMessageContaining("nested more than");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', commentCharacter = '§', value = {
            "return True | PYTHON", "# c\\nuser.is_active | PYTHON", "x = 1 | PYTHON", "a if b else c | PYTHON",
            "user.is_active | CEL", "'#' in user.name && user.name != 'return' | CEL", "!user.is_active | CEL",
            "[1, 2].map(x, x * 2).size() == 2 | CEL", "a == b; | PYTHON", "user.attributes.?x.orValue(1) == 1 | CEL",
            "user.is_active &&\\n  user.email != '' | CEL",
    })
    void languageRule(String source, ExpressionLanguage expected) {
        assertThat(ExpressionLanguage.detect(source.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void celWithPythonKeywordsInACommentStaysCel() throws Exception {
        assertThat(ExpressionLanguage.detect("true // return if")).isEqualTo(ExpressionLanguage.PYTHON);
        var e = compile(ExpressionKind.POLICY, "true // return if");
        assertThat(e.language()).isEqualTo(ExpressionLanguage.CEL);
        assertThat(compile(ExpressionKind.POLICY, "return True").language()).isEqualTo(ExpressionLanguage.PYTHON);
    }

    /** Bounds other than time, with a time bound no loaded test machine reaches first. */
    private static final ExpressionCompiler PATIENT = new ExpressionCompiler(
            ExpressionLimits.DEFAULT.withTimeout(java.time.Duration.ofSeconds(20)));

    private static dev.gatehouse.expression.CompiledExpression compile(ExpressionKind kind, String source)
            throws ExpressionException {
        return PATIENT.compile(kind, source);
    }

    @Test
    void boundsEndTheEvaluation() throws Exception {
        ExpressionContext c = ExpressionContext.builder().user(null, null).build();
        assertThat(failure(compile(ExpressionKind.POLICY, "return len('a' * 10 ** 10) > 0").evaluate(c)))
                .contains("built more than " + ExpressionLimits.DEFAULT.maxComputed());
        assertThat(failure(compile(ExpressionKind.POLICY, "return len([x for x in range(10 ** 9)]) > 0").evaluate(c)))
                .contains("more than 10000 loop and comprehension iterations");
        assertThat(failure(compile(ExpressionKind.POLICY, "x = []\nfor i in range(100):\n    for j in range(100):\n"
                + "        for k in range(100):\n            x.append(k)\nreturn True").evaluate(c)))
                .contains("iterations");
        assertThat(failure(compile(ExpressionKind.POLICY, "x = [1]\nfor i in x:\n    x.append(i)\nreturn True")
                .evaluate(c))).contains("iterations");
        assertThat(failure(compile(ExpressionKind.POLICY, "return list(range(10 ** 12)) == []").evaluate(c)))
                .contains("built more than");
        assertThat(failure(compile(ExpressionKind.MAPPING, "s = 'ab'\nfor i in range(30):\n    s = s + s\nreturn {}")
                .evaluate(c))).contains("built more than");
        assertThat(List.of(1)).hasSize(1);
    }

    @Test
    void interruptStopsTheEvaluation() throws Exception {
        var e = compile(ExpressionKind.POLICY, "n = 0\nfor i in range(9000):\n    n += len(str(i))\nreturn n > 0");
        Thread.currentThread().interrupt();
        try {
            assertThat(failure(e.evaluate(ExpressionContext.builder().user(null, null).build())))
                    .isEqualTo("The expression was stopped.");
        } finally {
            Thread.interrupted();
        }
    }
}

package dev.gatehouse.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {
    private final ExpressionCompiler compiler = ExpressionCompiler.standard();

    @Test
    void compileWhenTypeErrorThenRejectedWithCompilerMessageAndPosition() {
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "user.is_active &&\n  \"a\" + 1 == \"a1\""))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expression:2:7")
                .hasMessageContaining("no matching overload")
                .hasMessageContaining("| ");
    }

    @Test
    void compileWhenResultCannotBeKindsTypeThenRejected() {
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "user.username + \"x\""))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.MAPPING, "true"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("map");
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.MAPPING, "{1: \"a\"}"))
                .isInstanceOf(ExpressionException.class);
    }

    @Test
    void compileWhenVariableOfAnotherKindThenUndeclared() {
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "provider.name == \"x\""))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("undeclared reference to 'provider'");
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.MAPPING, "{\"a\": context.prompt_data}"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("undeclared reference to 'context'");
    }

    @Test
    void compileWhenUnknownFunctionOrSyntaxErrorThenRejected() {
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "ak_call_policy(\"x\")"))
                .isInstanceOf(ExpressionException.class);
        // "return" makes it Python (ExpressionLanguage), where this is a syntax error with its position
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "return True +"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("expression:1:");
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, "  "))
                .isInstanceOf(ExpressionException.class).hasMessage("The expression is empty.");
    }

    @Test
    void compileWhenDynamicValuesThenAcceptedAndCheckedAtEvaluation() throws Exception {
        assertThat(compiler.compile(ExpressionKind.POLICY, "user.attributes.allowed").kind())
                .isEqualTo(ExpressionKind.POLICY);
        assertThat(compiler.compile(ExpressionKind.MAPPING, "user.attributes").kind())
                .isEqualTo(ExpressionKind.MAPPING);
    }

    @Test
    void compileWhenSameSourceThenCachedProgram() throws Exception {
        CompiledExpression a = compiler.compile(ExpressionKind.POLICY, "user.pk == 1");
        assertThat(compiler.compile(ExpressionKind.POLICY, "user.pk == 1")).isSameAs(a);
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.MAPPING, "user.pk == 1"))
                .as("the cache is per kind").isInstanceOf(ExpressionException.class);
    }

    @Test
    void compileWhenSourceTooLongOrTooDeepThenRejected() {
        String longSource = "true || " + "x".repeat(16 * 1024);
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, longSource))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("at most 16384");
        String deep = "(".repeat(200) + "true" + ")".repeat(200);
        assertThatThrownBy(() -> compiler.compile(ExpressionKind.POLICY, deep))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("recursion");
    }
}

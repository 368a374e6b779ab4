package dev.gatehouse.policy.expression;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A CEL or authentik Python expression over the request and flow context (authentik's expression policy,
 * CONTRACT.md "Policies"; the language is detected, see {@link dev.gatehouse.expression.ExpressionLanguage}): {@code true} passes, {@code false} fails, {@code ak_message} adds messages; an expression that
 * fails to evaluate is an error (the binding's failure_result). Saving compiles and type-checks it, so a bad
 * expression is a 400 with the compiler's message.
 */
public final class ExpressionPolicyType implements PolicyType {
    private final Supplier<ExpressionCompiler> compiler;

    /** Uses the standard compiler, built on first use (not when the policy-type registry loads). */
    public ExpressionPolicyType() {
        this.compiler = ExpressionCompiler::standard;
    }

    public ExpressionPolicyType(ExpressionCompiler compiler) {
        this.compiler = () -> compiler;
    }

    @Override
    public String name() {
        return "expression";
    }

    /** The policy's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String expression) {
        public static final Field<String> EXPRESSION = Field.string("expression").notBlank().byDefault("")
                .help("A CEL expression, or an authentik Python expression body (docs/expressions.md); true lets "
                        + "the user pass.");

        public static final Definition<Config> DEFINITION = Definition.define("expression_policy", "ExpressionPolicy")
                .field(EXPRESSION)
                .build(v -> new Config(v.value(EXPRESSION)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (c.value("expression") instanceof String source && !source.isBlank()) {
            try {
                compiler.get().compile(ExpressionKind.POLICY, source);
            } catch (ExpressionException e) {
                c.error("expression", e.getMessage());
            }
        }
    }

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        CompiledExpression expression;
        try {
            expression = compiler.get().compile(ExpressionKind.POLICY, Config.DEFINITION.typed(config).expression());
        } catch (ExpressionException e) {
            return new PolicyOutcome.Error("The expression is invalid: " + e.getMessage());
        }
        return switch (expression.evaluate(context(request))) {
            case ExpressionResult.Value v -> new PolicyOutcome.Decided((Boolean) v.value(), v.messages(),
                    java.util.Set.of(), v.logs());
            case ExpressionResult.Failure f -> new PolicyOutcome.Error(f.message());
        };
    }

    static ExpressionContext context(PolicyRequest request) {
        PolicyRequest.Http http = request.http();
        return ExpressionContext.builder()
                .user(request.user(), request.groups())
                .http(request.clientIp(), http.host(), http.path(), http.userAgent())
                .flowContext(request.context())
                .authenticators(request.authenticators())
                .users(request.users())
                .build();
    }
}

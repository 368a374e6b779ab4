package dev.gatehouse.expression;

import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.List;

/**
 * What an expression is for: the type its result must have and the variables it may use. The type checker
 * rejects an expression whose type cannot be the result type; a {@code dyn} result (read from attributes, say)
 * is checked when it is evaluated.
 */
public enum ExpressionKind {
    /** An expression policy: {@code bool}; true passes. Sees {@code request}, {@code context}, {@code user}. */
    POLICY(SimpleType.BOOL, "bool", List.of(ExpressionContext.REQUEST, ExpressionContext.CONTEXT,
            ExpressionContext.USER)),
    /**
     * A scope (property) mapping: {@code map(string, dyn)} merged into the claims. Sees {@code request},
     * {@code user}, {@code provider}, {@code token}.
     */
    MAPPING(MapType.create(SimpleType.STRING, SimpleType.DYN), "map(string, dyn)", List.of(ExpressionContext.REQUEST,
            ExpressionContext.USER, ExpressionContext.PROVIDER, ExpressionContext.TOKEN));

    private final CelType resultType;
    private final String resultTypeName;
    private final List<String> variables;

    ExpressionKind(CelType resultType, String resultTypeName, List<String> variables) {
        this.resultType = resultType;
        this.resultTypeName = resultTypeName;
        this.variables = variables;
    }

    CelType resultType() {
        return resultType;
    }

    /** The result type as CEL writes it: {@code bool}, {@code map(string, dyn)}. */
    public String resultTypeName() {
        return resultTypeName;
    }

    /** The names of the variables in scope; each is a {@code map(string, dyn)}. */
    public List<String> variables() {
        return variables;
    }

    /** Whether an evaluated (plain Java) value has this kind's result type. */
    boolean accepts(Object value) {
        return this == POLICY ? value instanceof Boolean : value instanceof java.util.Map<?, ?>;
    }
}

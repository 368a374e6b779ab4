package dev.gatehouse.expression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.gatehouse.expression.python.Program;
import dev.gatehouse.expression.python.PythonSyntaxError;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an expression for an {@link ExpressionKind}, in CEL or in authentik's Python: the one place the language
 * is chosen ({@link ExpressionLanguage}: Python when the source has a comment, a keyword CEL reserves, an assignment
 * or a {@code ;}, and does not parse as CEL). Python goes to {@link dev.gatehouse.expression.python.Program}, Gatehouse's
 * own bounded interpreter of a subset; the rest of this comment is about CEL. For CEL it parses, type-checks against the kind's variables and result
 * type, and plans the program. Compiled expressions are cached by kind and source (bounded), so callers may
 * compile on every use. Thread-safe; one shared instance ({@link #standard()}) serves the whole process.
 * <p>
 * The language is CEL's standard library and macros ({@code has}, {@code all}, {@code exists},
 * {@code exists_one}, {@code map}, {@code filter}) plus optional values ({@code user.attributes.?quota.orValue(0)}),
 * the string functions that cannot grow a string ({@code lowerAscii}, {@code upperAscii}, {@code trim},
 * {@code split}, {@code join}, {@code substring}, {@code indexOf}, {@code lastIndexOf}, {@code charAt}) and the
 * {@code ak_*} functions of {@link ExpressionFunctions}.
 */
public final class ExpressionCompiler {
    private static final String DESCRIPTION = "expression";
    /** Runs the Python interpreter's paths once, so the first real evaluation is not a cold one. */
    private static final String PYTHON_WARM_UP = """
            # warm-up
            out = {}
            n = 0
            for i in range(200):
                n += i % 7
                out[str(i)] = [x * 2 for x in range(3) if x] + [f"{i}"]
            groups = [g.name for g in user.ak_groups.all()]
            ok = ak_is_in_network(request.http_request.META.get('REMOTE_ADDR', ''), '192.0.2.0/24')
            return {"n": n, "g": groups, "ok": ok, "a": user.attributes.get("k", str(user.username)).lower()}
            """;

    private final ExpressionLimits limits;
    private final Map<ExpressionKind, CelCompiler> compilers = new EnumMap<>(ExpressionKind.class);
    private final CelRuntime runtime;
    /** Weighed by source length (a program takes some dozen times its source): ~1,600 typical expressions. */
    private final Cache<Key, CompiledExpression> cache = Caffeine.newBuilder().maximumWeight(8_000_000)
            .weigher((Key k, CompiledExpression v) -> 1_000 + 20 * k.source().length()).build();

    private record Key(ExpressionKind kind, String source) {
    }

    public ExpressionCompiler(ExpressionLimits limits) {
        this.limits = limits;
        CelOptions options = CelOptions.current()
                .enableOptionalSyntax(true)
                .maxExpressionCodePointSize(limits.maxSourceLength())
                .maxParseRecursionDepth(limits.maxNesting())
                .comprehensionMaxIterations(limits.maxIterations())
                .maxRegexProgramSize(1_000)
                .build();
        CelStringExtensions strings = CelExtensions.strings(CelStringExtensions.Function.CHAR_AT,
                CelStringExtensions.Function.INDEX_OF, CelStringExtensions.Function.JOIN,
                CelStringExtensions.Function.LAST_INDEX_OF, CelStringExtensions.Function.LOWER_ASCII,
                CelStringExtensions.Function.SPLIT, CelStringExtensions.Function.SUBSTRING,
                CelStringExtensions.Function.TRIM, CelStringExtensions.Function.UPPER_ASCII);
        for (ExpressionKind kind : ExpressionKind.values()) {
            var builder = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(options)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addLibraries(CelExtensions.optional(), strings)
                    .addFunctionDeclarations(ExpressionFunctions.declarations())
                    .setResultType(kind.resultType());
            for (String variable : kind.variables()) {
                builder.addVar(variable, MapType.create(SimpleType.STRING, SimpleType.DYN));
            }
            compilers.put(kind, builder.build());
        }
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addLibraries(CelExtensions.optional(), strings)
                .addFunctionBindings(ExpressionFunctions.bindings())
                .build();
        warmUp();
    }

    /** Holds the standard compiler: built on first use, not when a class mentioning it loads. */
    private static final class Standard {
        static final ExpressionCompiler INSTANCE = new ExpressionCompiler(ExpressionLimits.DEFAULT);
    }

    /**
     * The process-wide compiler with {@link ExpressionLimits#DEFAULT}. The first call builds it, which takes
     * seconds on a cold JVM (CEL loads its whole environment); later calls return it at once.
     */
    public static ExpressionCompiler standard() {
        return Standard.INSTANCE;
    }

    /**
     * Runs a few expressions once, untimed, so that class loading on a cold JVM (hundreds of milliseconds for the
     * first evaluation and the first error) does not count against the first real evaluation's time bound.
     */
    private void warmUp() {
        ExpressionContext context = ExpressionContext.builder()
                .user(null, null).http("192.0.2.1", "localhost", "/", "warm-up")
                .flowContext(Map.of("prompt_data", Map.of("k", "v")))
                .provider(Map.of()).token(Map.of()).build();
        for (String source : List.of(
                "ak_is_in_network(request.http_request.client_ip, '192.0.2.0/24') && [1, 2].map(x, x * 2)"
                        + ".exists(x, x == 4) && ak_message('m') && !ak_is_group_member(user, 'g')"
                        + " && user.attributes.?k.orValue('d').lowerAscii() == 'd'",
                "context.prompt_data.missing == 1", "ak_is_in_network('x', '10.0.0.0/8')")) {
            try {
                compile(ExpressionKind.POLICY, source).evaluateUntimed(context);
            } catch (ExpressionException e) {
                throw new IllegalStateException("warm-up expression does not compile: " + e.getMessage(), e);
            }
        }
        try {
            compile(ExpressionKind.MAPPING, "{'a': user.username, 'b': [1]}").evaluateUntimed(context);
            for (int i = 0; i < 20; i++) {
                compile(ExpressionKind.MAPPING, PYTHON_WARM_UP).evaluateUntimed(context);
            }
            compile(ExpressionKind.MAPPING, "1 + ''");
        } catch (ExpressionException e) {
            // the second one is meant to fail: it loads the compiler's error path
        }
        cache.invalidateAll();
    }

    public ExpressionLimits limits() {
        return limits;
    }

    /**
     * Compiles {@code source} for {@code kind}.
     *
     * @throws ExpressionException with CEL's message (line, column, the line marked) when the source does not
     *                             parse, uses an unknown name or function, cannot have the kind's result type,
     *                             or breaks a bound
     */
    public CompiledExpression compile(ExpressionKind kind, String source) throws ExpressionException {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("The expression is empty.");
        }
        if (source.length() > limits.maxSourceLength()) {
            throw new ExpressionException("The expression has " + source.length() + " characters; at most "
                    + limits.maxSourceLength() + " are allowed.");
        }
        Key key = new Key(kind, source);
        CompiledExpression cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CompiledExpression compiled = build(kind, source);
        cache.put(key, compiled);
        return compiled;
    }

    private CompiledExpression build(ExpressionKind kind, String source) throws ExpressionException {
        if (ExpressionLanguage.detect(source) == ExpressionLanguage.PYTHON && !parsesAsCel(kind, source)) {
            return buildPython(kind, source);
        }
        try {
            CelValidationResult result = compilers.get(kind).compile(source, DESCRIPTION);
            if (result.hasError()) {
                throw new ExpressionException(result.getErrorString());
            }
            CelAbstractSyntaxTree ast = result.getAst();
            return new CelExpression(kind, source, runtime.createProgram(ast), limits);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ExpressionException(e.getMessage());
        } catch (StackOverflowError e) {
            throw new ExpressionException("The expression is nested too deeply.");
        }
    }

    /** Whether CEL's parser accepts the source (a Python-looking source whose keywords sit in a CEL comment). */
    private boolean parsesAsCel(ExpressionKind kind, String source) {
        try {
            return !compilers.get(kind).parse(source, DESCRIPTION).hasError();
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private CompiledExpression buildPython(ExpressionKind kind, String source) throws ExpressionException {
        try {
            Program program = Program.compile(source, kind.variables(), kind == ExpressionKind.POLICY, limits.pythonBounds());
            return new PythonExpression(kind, source, program, limits);
        } catch (PythonSyntaxError e) {
            throw new ExpressionException(e.describe(source));
        }
    }
}

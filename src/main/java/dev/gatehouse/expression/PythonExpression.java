package dev.gatehouse.expression;

import dev.gatehouse.expression.python.Environment;
import dev.gatehouse.expression.python.Program;
import dev.gatehouse.expression.python.PythonFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An authentik Python expression body, run by Gatehouse's own bounded interpreter
 * ({@link dev.gatehouse.expression.python}): no CPython, nothing outside the subset.
 */
final class PythonExpression extends CompiledExpression {
    private static final Logger LOG = Logger.getLogger("dev.gatehouse.expression.python");

    private final Program program;

    PythonExpression(ExpressionKind kind, String source, Program program, ExpressionLimits limits) {
        super(kind, source, limits);
        this.program = program;
    }

    @Override
    public ExpressionLanguage language() {
        return ExpressionLanguage.PYTHON;
    }

    @Override
    ExpressionResult evaluate(ExpressionContext context, ExpressionLimits limits) {
        Evaluation env = new Evaluation(context);
        try {
            Object value = program.run(env, limits.pythonBounds());
            Object checked = CelValues.toJava(value, limits);
            if (!kind().accepts(checked)) {
                return wrongType(checked, "None");
            }
            return new ExpressionResult.Value(checked, env.messages, env.logs);
        } catch (PythonFailure e) {
            return new ExpressionResult.Failure(e.getMessage());
        } catch (CelValues.TooLarge e) {
            return new ExpressionResult.Failure(e.getMessage());
        } catch (StackOverflowError e) {
            return new ExpressionResult.Failure("The expression is nested too deeply to evaluate.");
        }
    }

    /** One evaluation's view of the context, and what it reports. */
    private static final class Evaluation implements Environment {
        private final ExpressionContext context;
        final List<String> messages = new ArrayList<>();
        final List<String> logs = new ArrayList<>();
        private final Map<Long, Boolean> authenticatorsSeen = new HashMap<>();

        Evaluation(ExpressionContext context) {
            this.context = context;
        }

        @Override
        public Object variable(String name) {
            return context.variables().get(name);
        }

        @Override
        public boolean isUser(Object value) {
            return value instanceof UserValue.UserMap;
        }

        @Override
        public boolean isGroupMember(Map<String, Object> user, String group) {
            try {
                return ExpressionFunctions.isGroupMember(user, group);
            } catch (ExpressionFunctions.FunctionError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @Override
        public boolean isInNetwork(String ip, String cidr) {
            try {
                return ExpressionFunctions.isInNetwork(ip, cidr);
            } catch (ExpressionFunctions.FunctionError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @Override
        public boolean hasAuthenticator(Map<String, Object> user) {
            try {
                return ExpressionFunctions.hasAuthenticator(user, context.authenticators(), authenticatorsSeen);
            } catch (ExpressionFunctions.FunctionError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @Override
        public Map<String, Object> userBy(Map<String, Object> filters) {
            UserLookup users = context.users();
            if (users == null) {
                throw new IllegalArgumentException("ak_user_by: not available in this kind of expression");
            }
            UserLookup.Found found = users.find(filters);
            return found == null ? null : UserValue.of(found.user(), found.groups());
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public void log(String level, String message, Map<String, Object> fields) {
            StringBuilder b = new StringBuilder(level).append(": ").append(message);
            fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            String line = b.toString();
            logs.add(line);
            LOG.log(switch (level) {
                case "debug", "print" -> Level.FINE;
                case "warning" -> Level.WARNING;
                case "error", "critical" -> Level.SEVERE;
                default -> Level.INFO;
            }, "expression: {0}", line);
        }
    }
}

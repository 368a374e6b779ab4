package dev.gatehouse.expression.python;

import dev.gatehouse.expression.python.Ast.*;
import java.util.List;
import java.util.Set;

/**
 * Refuses, when the expression is saved, what the parser accepts but the subset forbids: names and attributes
 * starting with {@code _} (no dunder walks), the builtins that reach outside the evaluation ({@code exec},
 * {@code eval}, {@code open}, {@code getattr}, …) and names that are neither a variable of the kind, a builtin,
 * a helper nor bound somewhere in the body.
 */
final class Checker {
    static final Set<String> FORBIDDEN = Set.of("exec", "eval", "open", "getattr", "setattr", "delattr", "hasattr",
            "compile", "globals", "locals", "vars", "type", "object", "breakpoint", "input", "dir", "help", "memoryview",
            "super", "classmethod", "staticmethod", "property", "isinstance", "issubclass", "id", "hash", "iter",
            "next", "callable", "exit", "quit", "bytes", "bytearray", "map", "filter", "format", "chr", "ord",
            "pow", "divmod", "slice", "frozenset", "ascii", "bin", "hex", "oct", "license", "credits", "copyright");

    private final Set<String> known;

    private Checker(Set<String> known) {
        this.known = known;
    }

    static void check(List<Stmt> body, Set<String> known) throws PythonSyntaxError {
        new Checker(known).statements(body);
    }

    private void statements(List<Stmt> body) throws PythonSyntaxError {
        for (Stmt s : body) {
            statement(s);
        }
    }

    private void statement(Stmt s) throws PythonSyntaxError {
        switch (s) {
            case ExprStmt e -> expr(e.value());
            case Assign a -> {
                for (Expr t : a.targets()) {
                    expr(t);
                }
                expr(a.value());
            }
            case AugAssign a -> {
                expr(a.target());
                expr(a.value());
            }
            case If i -> {
                expr(i.test());
                statements(i.body());
                statements(i.orElse());
            }
            case For f -> {
                expr(f.target());
                expr(f.iter());
                statements(f.body());
                statements(f.orElse());
            }
            case Return r -> {
                if (r.value() != null) {
                    expr(r.value());
                }
            }
            case Pass p -> {
            }
            case Break b -> {
            }
            case Continue c -> {
            }
        }
    }

    private void all(List<Expr> exprs) throws PythonSyntaxError {
        for (Expr e : exprs) {
            expr(e);
        }
    }

    private void expr(Expr e) throws PythonSyntaxError {
        if (e == null) {
            return;
        }
        switch (e) {
            case Const c -> {
            }
            case Name n -> name(n);
            case Attribute a -> {
                if (a.attr().startsWith("_")) {
                    throw new PythonSyntaxError("attributes starting with '_' are not allowed: '" + a.attr() + "'",
                            a.line(), a.column());
                }
                expr(a.value());
            }
            case Subscript s -> {
                expr(s.value());
                expr(s.index());
            }
            case Slice s -> {
                expr(s.lower());
                expr(s.upper());
                expr(s.step());
            }
            case Call c -> {
                expr(c.func());
                all(c.args());
                for (Keyword k : c.keywords()) {
                    if (k.name().startsWith("_")) {
                        throw new PythonSyntaxError("names starting with '_' are not allowed: '" + k.name() + "'",
                                k.value().line(), k.value().column());
                    }
                    expr(k.value());
                }
            }
            case BinOp b -> {
                expr(b.left());
                expr(b.right());
            }
            case UnaryOp u -> expr(u.operand());
            case BoolOp b -> all(b.values());
            case Compare c -> {
                expr(c.left());
                all(c.comparators());
            }
            case IfExp i -> {
                expr(i.test());
                expr(i.body());
                expr(i.orElse());
            }
            case ListExpr l -> all(l.elements());
            case TupleExpr t -> all(t.elements());
            case SetExpr s -> all(s.elements());
            case DictExpr d -> {
                all(d.keys());
                all(d.values());
            }
            case ListComp l -> {
                generators(l.generators());
                expr(l.element());
            }
            case DictComp d -> {
                generators(d.generators());
                expr(d.key());
                expr(d.value());
            }
            case JoinedStr j -> all(j.parts());
            case FormattedValue f -> {
                expr(f.value());
                expr(f.spec());
            }
        }
    }

    private void generators(List<Generator> gens) throws PythonSyntaxError {
        for (Generator g : gens) {
            expr(g.target());
            expr(g.iter());
            all(g.conditions());
        }
    }

    private void name(Name n) throws PythonSyntaxError {
        String id = n.id();
        if (id.startsWith("_")) {
            throw new PythonSyntaxError("names starting with '_' are not allowed: '" + id + "'", n.line(), n.column());
        }
        if (FORBIDDEN.contains(id) && !known.contains(id)) {
            throw new PythonSyntaxError("'" + id + "' is not allowed in expressions", n.line(), n.column());
        }
        if (!known.contains(id)) {
            throw new PythonSyntaxError("name '" + id + "' is not defined", n.line(), n.column());
        }
    }
}

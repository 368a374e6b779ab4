package dev.gatehouse.expression.python;

import java.util.List;

/**
 * The syntax tree of the Python subset: statements and expressions as records, each with the 1-based line and
 * column where it starts. Names carry the slot the {@link Parser} gave them in the function's frame.
 */
final class Ast {
    private Ast() {
    }

    sealed interface Node permits Stmt, Expr {
        int line();

        int column();
    }

    sealed interface Stmt extends Node {
    }

    record ExprStmt(Expr value, int line, int column) implements Stmt {
    }

    /** {@code a = b = value}: each target gets the value. */
    record Assign(List<Expr> targets, Expr value, int line, int column) implements Stmt {
    }

    /** {@code target op= value}, with {@code op} the binary operator ({@code "+"}, …). */
    record AugAssign(Expr target, String op, Expr value, int line, int column) implements Stmt {
    }

    record If(Expr test, List<Stmt> body, List<Stmt> orElse, int line, int column) implements Stmt {
    }

    record For(Expr target, Expr iter, List<Stmt> body, List<Stmt> orElse, int line, int column) implements Stmt {
    }

    /** {@code value} is null for a bare {@code return}. */
    record Return(Expr value, int line, int column) implements Stmt {
    }

    record Pass(int line, int column) implements Stmt {
    }

    record Break(int line, int column) implements Stmt {
    }

    record Continue(int line, int column) implements Stmt {
    }

    sealed interface Expr extends Node {
    }

    /** A constant: null (None), Boolean, Long, Double or String. */
    record Const(Object value, int line, int column) implements Expr {
    }

    record Name(String id, int slot, int line, int column) implements Expr {
    }

    record Attribute(Expr value, String attr, int line, int column) implements Expr {
    }

    record Subscript(Expr value, Expr index, int line, int column) implements Expr {
    }

    /** {@code lower:upper:step}; each part may be null. Only inside a {@link Subscript}. */
    record Slice(Expr lower, Expr upper, Expr step, int line, int column) implements Expr {
    }

    record Keyword(String name, Expr value) {
    }

    record Call(Expr func, List<Expr> args, List<Keyword> keywords, int line, int column) implements Expr {
    }

    record BinOp(Expr left, String op, Expr right, int line, int column) implements Expr {
    }

    record UnaryOp(String op, Expr operand, int line, int column) implements Expr {
    }

    /** {@code and} / {@code or} over two or more values. */
    record BoolOp(boolean and, List<Expr> values, int line, int column) implements Expr {
    }

    /** {@code a < b < c}: ops.size() == comparators.size(). */
    record Compare(Expr left, List<String> ops, List<Expr> comparators, int line, int column) implements Expr {
    }

    record IfExp(Expr test, Expr body, Expr orElse, int line, int column) implements Expr {
    }

    record ListExpr(List<Expr> elements, int line, int column) implements Expr {
    }

    record TupleExpr(List<Expr> elements, int line, int column) implements Expr {
    }

    record SetExpr(List<Expr> elements, int line, int column) implements Expr {
    }

    record DictExpr(List<Expr> keys, List<Expr> values, int line, int column) implements Expr {
    }

    /** One {@code for target in iter if cond…} clause of a comprehension. */
    record Generator(Expr target, Expr iter, List<Expr> conditions) {
    }

    /** A list, set or generator comprehension (generators are evaluated eagerly, as a list). */
    record ListComp(Expr element, List<Generator> generators, boolean set, int line, int column) implements Expr {
    }

    record DictComp(Expr key, Expr value, List<Generator> generators, int line, int column) implements Expr {
    }

    /** An f-string: literal parts are {@link Const} strings, the others {@link FormattedValue}. */
    record JoinedStr(List<Expr> parts, int line, int column) implements Expr {
    }

    /** {@code {value!conversion:spec}} in an f-string; conversion is 0, 's', 'r' or 'a'; spec may be null. */
    record FormattedValue(Expr value, char conversion, Expr spec, int line, int column) implements Expr {
    }
}

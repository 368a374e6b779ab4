package dev.gatehouse.expression.python;

import dev.gatehouse.expression.python.Ast.*;
import dev.gatehouse.expression.python.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for the Python subset, following CPython's grammar for the statements and
 * expressions it supports and refusing every other construct by name, at its position. It gives each distinct
 * name a frame slot and records which names the body binds (assignment, {@code for}, comprehension targets).
 */
final class Parser {
    /** Keywords of constructs outside the subset. */
    private static final Set<String> REFUSED = Set.of("import", "from", "while", "def", "class", "lambda", "global",
            "nonlocal", "try", "except", "finally", "with", "raise", "yield", "await", "async", "del", "assert");
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "break", "continue",
            "elif", "else", "for", "if", "in", "is", "not", "or", "pass", "return");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=");
    private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=",
            "<<=", ">>=");

    /** The parsed body: statements, the slot names (index = slot) and the names the body binds. */
    record Module(List<Stmt> body, List<String> slots, Set<String> bound) {
    }

    private final List<Token> tokens;
    private final int maxNesting;
    private final Map<String, Integer> slots;
    private final Set<String> bound;
    private int pos;
    private int depth;
    private int loops;
    private final int lineOffset;
    private final int columnOffset;

    private Parser(List<Token> tokens, int maxNesting, Map<String, Integer> slots, Set<String> bound, int depth,
                   int lineOffset, int columnOffset) {
        this.tokens = tokens;
        this.maxNesting = maxNesting;
        this.slots = slots;
        this.bound = bound;
        this.depth = depth;
        this.lineOffset = lineOffset;
        this.columnOffset = columnOffset;
    }

    static Module parse(String source, int maxNesting) throws PythonSyntaxError {
        Parser p = new Parser(Tokenizer.tokenize(source), maxNesting, new LinkedHashMap<>(), new LinkedHashSet<>(), 0,
                0, 0);
        List<Stmt> body = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            if (p.peek().kind() == Kind.NEWLINE) {
                p.pos++;
                continue;
            }
            p.statement(body);
        }
        return new Module(List.copyOf(body), List.copyOf(p.slots.keySet()), Set.copyOf(p.bound));
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean at(String s) {
        return peek().is(s);
    }

    private boolean accept(String s) {
        if (at(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expect(String s) throws PythonSyntaxError {
        if (!at(s)) {
            throw unexpected("expected '" + s + "'");
        }
        return next();
    }

    private int line(Token t) {
        return t.line() + lineOffset;
    }

    private int col(Token t) {
        return t.line() == 1 ? t.column() + columnOffset : t.column();
    }

    private PythonSyntaxError error(String message, Token t) {
        return new PythonSyntaxError(message, line(t), col(t));
    }

    private PythonSyntaxError unexpected(String what) {
        Token t = peek();
        String found = switch (t.kind()) {
            case EOF -> "the end of the expression";
            case NEWLINE -> "the end of the line";
            case INDENT -> "an indent";
            case DEDENT -> "a dedent";
            case STRING, FSTRING -> "a string";
            case NUMBER -> "a number";
            default -> "'" + t.text() + "'";
        };
        if (t.kind() == Kind.NAME && REFUSED.contains(t.text())) {
            return refused(t);
        }
        if (t.kind() == Kind.INDENT) {
            return error("unexpected indent", t);
        }
        return error("invalid syntax: " + what + ", found " + found, t);
    }

    private PythonSyntaxError refused(Token t) {
        return error("'" + t.text() + "' is not supported in expressions", t);
    }

    private void enter(Token t) throws PythonSyntaxError {
        if (++depth > maxNesting) {
            throw error("the expression is nested more than " + maxNesting + " levels deep", t);
        }
    }

    // ---- statements

    private void statement(List<Stmt> out) throws PythonSyntaxError {
        Token t = peek();
        if (t.kind() == Kind.NAME) {
            if (REFUSED.contains(t.text())) {
                throw refused(t);
            }
            switch (t.text()) {
                case "if" -> {
                    out.add(ifStatement());
                    return;
                }
                case "for" -> {
                    out.add(forStatement());
                    return;
                }
                default -> {
                }
            }
        }
        if (t.kind() == Kind.INDENT) {
            throw error("unexpected indent", t);
        }
        if (t.is("@")) {
            throw error("decorators are not supported in expressions", t);
        }
        simpleStatements(out);
    }

    private void simpleStatements(List<Stmt> out) throws PythonSyntaxError {
        while (true) {
            out.add(simpleStatement());
            if (accept(";")) {
                if (peek().kind() == Kind.NEWLINE) {
                    break;
                }
                continue;
            }
            break;
        }
        if (peek().kind() != Kind.NEWLINE) {
            throw unexpected("expected the end of the statement");
        }
        next();
    }

    private Stmt simpleStatement() throws PythonSyntaxError {
        Token t = peek();
        if (t.kind() == Kind.NAME) {
            if (REFUSED.contains(t.text())) {
                throw refused(t);
            }
            switch (t.text()) {
                case "pass" -> {
                    next();
                    return new Pass(line(t), col(t));
                }
                case "break", "continue" -> {
                    next();
                    if (loops == 0) {
                        throw error("'" + t.text() + "' outside loop", t);
                    }
                    return t.text().equals("break") ? new Break(line(t), col(t)) : new Continue(line(t), col(t));
                }
                case "return" -> {
                    next();
                    if (peek().kind() == Kind.NEWLINE || at(";")) {
                        return new Return(null, line(t), col(t));
                    }
                    return new Return(testList(), line(t), col(t));
                }
                default -> {
                }
            }
        }
        Expr first = testList();
        if (at("=")) {
            List<Expr> targets = new ArrayList<>();
            Expr value = first;
            while (accept("=")) {
                targets.add(target(value));
                value = testList();
            }
            return new Assign(List.copyOf(targets), value, line(t), col(t));
        }
        if (peek().kind() == Kind.OP && AUGMENTED.contains(peek().text())) {
            Token op = next();
            if (!(first instanceof Name || first instanceof Subscript || first instanceof Attribute)) {
                throw error("illegal expression for augmented assignment", t);
            }
            target(first);
            return new AugAssign(first, op.text().substring(0, op.text().length() - 1), testList(), line(t), col(t));
        }
        if (at(":")) {
            throw error("annotations are not supported in expressions", peek());
        }
        return new ExprStmt(first, line(t), col(t));
    }

    /** Checks that {@code e} can be assigned to and records the names it binds. */
    private Expr target(Expr e) throws PythonSyntaxError {
        switch (e) {
            case Name n -> bound.add(n.id());
            case TupleExpr tuple -> {
                for (Expr x : tuple.elements()) {
                    target(x);
                }
            }
            case ListExpr list -> {
                for (Expr x : list.elements()) {
                    target(x);
                }
            }
            case Subscript s -> {
                if (s.index() instanceof Slice) {
                    throw new PythonSyntaxError("assigning to a slice is not supported", e.line(), e.column());
                }
            }
            case Attribute a -> {
            }
            default -> throw new PythonSyntaxError("cannot assign to this expression", e.line(), e.column());
        }
        return e;
    }

    private List<Stmt> block() throws PythonSyntaxError {
        Token colon = expect(":");
        enter(colon);
        List<Stmt> body = new ArrayList<>();
        if (peek().kind() != Kind.NEWLINE) {
            simpleStatements(body);
        } else {
            next();
            if (peek().kind() != Kind.INDENT) {
                throw error("expected an indented block", peek());
            }
            next();
            while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.EOF) {
                statement(body);
            }
            next();
        }
        depth--;
        return List.copyOf(body);
    }

    private Stmt ifStatement() throws PythonSyntaxError {
        Token t = next();
        Expr test = namedTest();
        List<Stmt> body = block();
        List<Stmt> orElse = List.of();
        if (at("elif")) {
            orElse = List.of(ifStatement());
        } else if (at("else")) {
            next();
            orElse = block();
        }
        return new If(test, body, orElse, line(t), col(t));
    }

    private Stmt forStatement() throws PythonSyntaxError {
        Token t = next();
        Expr target = target(targetList());
        expect("in");
        Expr iter = testList();
        loops++;
        List<Stmt> body = block();
        loops--;
        List<Stmt> orElse = List.of();
        if (at("else")) {
            next();
            orElse = block();
        }
        return new For(target, iter, body, orElse, line(t), col(t));
    }

    /** {@code a, b} in a {@code for} or comprehension: or-expressions, so {@code in} ends it. */
    private Expr targetList() throws PythonSyntaxError {
        Token t = peek();
        List<Expr> items = new ArrayList<>();
        items.add(orExpr());
        if (!at(",")) {
            return items.getFirst();
        }
        while (accept(",")) {
            if (at("in")) {
                break;
            }
            items.add(orExpr());
        }
        return new TupleExpr(List.copyOf(items), line(t), col(t));
    }

    // ---- expressions

    /** A test, or a tuple of tests without brackets. */
    private Expr testList() throws PythonSyntaxError {
        Token t = peek();
        Expr first = test();
        if (!at(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (accept(",")) {
            if (!startsExpression()) {
                break;
            }
            items.add(test());
        }
        return new TupleExpr(List.copyOf(items), line(t), col(t));
    }

    private boolean startsExpression() {
        Token t = peek();
        return switch (t.kind()) {
            case NAME -> !KEYWORDS.contains(t.text()) || Set.of("not", "None", "True", "False").contains(t.text())
                    || REFUSED.contains(t.text());
            case NUMBER, STRING, FSTRING -> true;
            case OP -> Set.of("(", "[", "{", "-", "+", "~", "*").contains(t.text());
            default -> false;
        };
    }

    private Expr namedTest() throws PythonSyntaxError {
        Expr e = test();
        if (at(":=")) {
            throw error("assignment expressions (:=) are not supported", peek());
        }
        return e;
    }

    private Expr test() throws PythonSyntaxError {
        Token t = peek();
        if (t.is("lambda")) {
            throw refused(t);
        }
        enter(t);
        Expr body = orTest();
        if (at("if") ) {
            next();
            Expr cond = orTest();
            expect("else");
            Expr orElse = test();
            body = new IfExp(cond, body, orElse, line(t), col(t));
        }
        if (at(":=")) {
            throw error("assignment expressions (:=) are not supported", peek());
        }
        depth--;
        return body;
    }

    private Expr orTest() throws PythonSyntaxError {
        Token t = peek();
        Expr first = andTest();
        if (!at("or")) {
            return first;
        }
        List<Expr> values = new ArrayList<>(List.of(first));
        while (accept("or")) {
            values.add(andTest());
        }
        return new BoolOp(false, List.copyOf(values), line(t), col(t));
    }

    private Expr andTest() throws PythonSyntaxError {
        Token t = peek();
        Expr first = notTest();
        if (!at("and")) {
            return first;
        }
        List<Expr> values = new ArrayList<>(List.of(first));
        while (accept("and")) {
            values.add(notTest());
        }
        return new BoolOp(true, List.copyOf(values), line(t), col(t));
    }

    private Expr notTest() throws PythonSyntaxError {
        Token t = peek();
        if (accept("not")) {
            enter(t);
            Expr operand = notTest();
            depth--;
            return new UnaryOp("not", operand, line(t), col(t));
        }
        return comparison();
    }

    private Expr comparison() throws PythonSyntaxError {
        Token t = peek();
        Expr left = orExpr();
        List<String> ops = new ArrayList<>();
        List<Expr> comparators = new ArrayList<>();
        while (true) {
            Token o = peek();
            String op;
            if (o.kind() == Kind.OP && COMPARISONS.contains(o.text())) {
                next();
                op = o.text();
            } else if (o.is("in")) {
                next();
                op = "in";
            } else if (o.is("not") && peek(1).is("in")) {
                next();
                next();
                op = "not in";
            } else if (o.is("is")) {
                next();
                op = accept("not") ? "is not" : "is";
            } else {
                break;
            }
            ops.add(op);
            comparators.add(orExpr());
        }
        return ops.isEmpty() ? left : new Compare(left, List.copyOf(ops), List.copyOf(comparators), line(t), col(t));
    }

    private Expr orExpr() throws PythonSyntaxError {
        return binary(0);
    }

    private static final List<Set<String>> LEVELS = List.of(Set.of("|"), Set.of("^"), Set.of("&"), Set.of("<<", ">>"),
            Set.of("+", "-"), Set.of("*", "/", "//", "%", "@"));

    private Expr binary(int level) throws PythonSyntaxError {
        if (level == LEVELS.size()) {
            return factor();
        }
        Token t = peek();
        Expr left = binary(level + 1);
        while (peek().kind() == Kind.OP && LEVELS.get(level).contains(peek().text())) {
            Token op = next();
            if (op.text().equals("@")) {
                throw error("the '@' operator is not supported", op);
            }
            Expr right = binary(level + 1);
            left = new BinOp(left, op.text(), right, line(op), col(op));
        }
        return left;
    }

    private Expr factor() throws PythonSyntaxError {
        Token t = peek();
        if (t.is("-") || t.is("+") || t.is("~")) {
            next();
            enter(t);
            Expr operand = factor();
            depth--;
            if (t.is("-") && operand instanceof Const c && c.value() instanceof Number n && !(c.value() instanceof Boolean)) {
                if (n instanceof Long l) {
                    return new Const(-l, line(t), col(t));
                }
                return new Const(-n.doubleValue(), line(t), col(t));
            }
            return new UnaryOp(t.text(), operand, line(t), col(t));
        }
        return power();
    }

    private Expr power() throws PythonSyntaxError {
        Token t = peek();
        Expr base = atomExpr();
        if (at("**")) {
            Token op = next();
            enter(op);
            Expr exponent = factor();
            depth--;
            return new BinOp(base, "**", exponent, line(op), col(op));
        }
        return base;
    }

    private Expr atomExpr() throws PythonSyntaxError {
        Expr e = atom();
        while (true) {
            Token t = peek();
            if (accept(".")) {
                Token name = next();
                if (name.kind() != Kind.NAME) {
                    throw error("invalid syntax: expected an attribute name", name);
                }
                e = new Attribute(e, name.text(), line(name), col(name));
            } else if (at("(")) {
                e = call(e);
            } else if (accept("[")) {
                enter(t);
                Expr index = subscript();
                expect("]");
                depth--;
                e = new Subscript(e, index, line(t), col(t));
            } else {
                return e;
            }
        }
    }

    private Expr call(Expr func) throws PythonSyntaxError {
        Token open = expect("(");
        enter(open);
        List<Expr> args = new ArrayList<>();
        List<Keyword> keywords = new ArrayList<>();
        while (!at(")")) {
            Token t = peek();
            if (t.is("*") || t.is("**")) {
                throw error("unpacking arguments with '" + t.text() + "' is not supported", t);
            }
            if (t.kind() == Kind.NAME && peek(1).is("=") && !KEYWORDS.contains(t.text())) {
                next();
                next();
                for (Keyword k : keywords) {
                    if (k.name().equals(t.text())) {
                        throw error("keyword argument repeated: " + t.text(), t);
                    }
                }
                keywords.add(new Keyword(t.text(), test()));
            } else {
                if (!keywords.isEmpty()) {
                    throw error("positional argument follows keyword argument", t);
                }
                Expr arg = test();
                if (at("for")) {
                    arg = comprehension(arg, t, false);
                }
                args.add(arg);
            }
            if (!accept(",")) {
                break;
            }
        }
        expect(")");
        depth--;
        return new Call(func, List.copyOf(args), List.copyOf(keywords), line(open), col(open));
    }

    private Expr subscript() throws PythonSyntaxError {
        Token t = peek();
        Expr first = at(":") ? null : test();
        if (!at(":")) {
            if (at(",")) {
                List<Expr> items = new ArrayList<>(List.of(first));
                while (accept(",") && !at("]")) {
                    items.add(test());
                }
                return new TupleExpr(List.copyOf(items), line(t), col(t));
            }
            return first;
        }
        next();
        Expr upper = at(":") || at("]") ? null : test();
        Expr step = null;
        if (accept(":")) {
            step = at("]") ? null : test();
        }
        return new Slice(first, upper, step, line(t), col(t));
    }

    private Expr atom() throws PythonSyntaxError {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                return new Const(t.value(), line(t), col(t));
            }
            case STRING, FSTRING -> {
                return strings();
            }
            case NAME -> {
                if (REFUSED.contains(t.text())) {
                    throw refused(t);
                }
                next();
                switch (t.text()) {
                    case "None" -> {
                        return new Const(null, line(t), col(t));
                    }
                    case "True" -> {
                        return new Const(Boolean.TRUE, line(t), col(t));
                    }
                    case "False" -> {
                        return new Const(Boolean.FALSE, line(t), col(t));
                    }
                    default -> {
                    }
                }
                if (KEYWORDS.contains(t.text())) {
                    pos--;
                    throw unexpected("expected an expression");
                }
                return name(t);
            }
            case OP -> {
                switch (t.text()) {
                    case "(" -> {
                        return parenthesized();
                    }
                    case "[" -> {
                        return list();
                    }
                    case "{" -> {
                        return braces();
                    }
                    case "..." -> throw error("Ellipsis is not supported", t);
                    default -> throw unexpected("expected an expression");
                }
            }
            default -> throw unexpected("expected an expression");
        }
    }

    private Name name(Token t) {
        Integer slot = slots.get(t.text());
        if (slot == null) {
            slot = slots.size();
            slots.put(t.text(), slot);
        }
        return new Name(t.text(), slot, line(t), col(t));
    }

    private Expr parenthesized() throws PythonSyntaxError {
        Token open = next();
        enter(open);
        if (accept(")")) {
            depth--;
            return new TupleExpr(List.of(), line(open), col(open));
        }
        Token t = peek();
        if (t.is("*")) {
            throw error("starred expressions are not supported", t);
        }
        Expr first = namedTest();
        Expr result;
        if (at("for")) {
            result = comprehension(first, open, false);
        } else if (at(",")) {
            List<Expr> items = new ArrayList<>(List.of(first));
            while (accept(",") && !at(")")) {
                items.add(test());
            }
            result = new TupleExpr(List.copyOf(items), line(open), col(open));
        } else {
            result = first;
        }
        expect(")");
        depth--;
        return result;
    }

    private Expr list() throws PythonSyntaxError {
        Token open = next();
        enter(open);
        List<Expr> items = new ArrayList<>();
        if (!at("]")) {
            if (at("*")) {
                throw error("starred expressions are not supported", peek());
            }
            Expr first = namedTest();
            if (at("for")) {
                Expr comp = comprehension(first, open, false);
                expect("]");
                depth--;
                return comp;
            }
            items.add(first);
            while (accept(",") && !at("]")) {
                if (at("*")) {
                    throw error("starred expressions are not supported", peek());
                }
                items.add(test());
            }
        }
        expect("]");
        depth--;
        return new ListExpr(List.copyOf(items), line(open), col(open));
    }

    private Expr braces() throws PythonSyntaxError {
        Token open = next();
        enter(open);
        if (accept("}")) {
            depth--;
            return new DictExpr(List.of(), List.of(), line(open), col(open));
        }
        if (at("**") || at("*")) {
            throw error("unpacking with '" + peek().text() + "' is not supported", peek());
        }
        Expr first = test();
        Expr result;
        if (accept(":")) {
            Expr value = test();
            if (at("for")) {
                List<Generator> gens = generators();
                result = new DictComp(first, value, gens, line(open), col(open));
            } else {
                List<Expr> keys = new ArrayList<>(List.of(first));
                List<Expr> values = new ArrayList<>(List.of(value));
                while (accept(",") && !at("}")) {
                    if (at("**")) {
                        throw error("unpacking with '**' is not supported", peek());
                    }
                    keys.add(test());
                    expect(":");
                    values.add(test());
                }
                result = new DictExpr(List.copyOf(keys), List.copyOf(values), line(open), col(open));
            }
        } else if (at("for")) {
            result = comprehension(first, open, true);
        } else {
            List<Expr> items = new ArrayList<>(List.of(first));
            while (accept(",") && !at("}")) {
                items.add(test());
            }
            result = new SetExpr(List.copyOf(items), line(open), col(open));
        }
        expect("}");
        depth--;
        return result;
    }

    private Expr comprehension(Expr element, Token start, boolean set) throws PythonSyntaxError {
        return new ListComp(element, generators(), set, line(start), col(start));
    }

    private List<Generator> generators() throws PythonSyntaxError {
        List<Generator> gens = new ArrayList<>();
        while (at("for")) {
            if (peek().is("async")) {
                throw refused(peek());
            }
            next();
            Expr target = target(targetList());
            expect("in");
            Expr iter = orTest();
            List<Expr> conditions = new ArrayList<>();
            while (accept("if")) {
                conditions.add(orTestNoCond());
            }
            gens.add(new Generator(target, iter, List.copyOf(conditions)));
        }
        return List.copyOf(gens);
    }

    private Expr orTestNoCond() throws PythonSyntaxError {
        return orTest();
    }

    // ---- strings

    private Expr strings() throws PythonSyntaxError {
        Token first = peek();
        List<Expr> parts = new ArrayList<>();
        boolean formatted = false;
        StringBuilder literal = new StringBuilder();
        while (peek().kind() == Kind.STRING || peek().kind() == Kind.FSTRING) {
            Token t = next();
            if (t.kind() == Kind.STRING) {
                literal.append((String) t.value());
            } else {
                formatted = true;
                fstring(t, literal, parts);
            }
        }
        if (!formatted) {
            return new Const(literal.toString(), line(first), col(first));
        }
        if (!literal.isEmpty()) {
            parts.add(new Const(literal.toString(), line(first), col(first)));
        }
        return new JoinedStr(List.copyOf(parts), line(first), col(first));
    }

    /** Splits an f-string's text into literal runs (appended to {@code literal}) and replacement fields. */
    private void fstring(Token t, StringBuilder literal, List<Expr> parts) throws PythonSyntaxError {
        String s = (String) t.value();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw error("f-string: single '}' is not allowed", t);
            } else if (c == '{') {
                if (!literal.isEmpty()) {
                    parts.add(new Const(literal.toString(), line(t), col(t)));
                    literal.setLength(0);
                }
                i = field(t, s, i + 1, parts);
            } else {
                literal.append(c);
                i++;
            }
        }
    }

    /** Parses the replacement field starting after its '{'; returns the index after its '}'. */
    private int field(Token t, String s, int start, List<Expr> parts) throws PythonSyntaxError {
        int nesting = 0;
        int i = start;
        char quote = 0;
        int end = -1;
        int bang = -1;
        int colon = -1;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                nesting++;
            } else if (c == ')' || c == ']' || (c == '}' && nesting > 0)) {
                nesting--;
            } else if (nesting == 0 && c == '!' && i + 1 < s.length() && s.charAt(i + 1) != '=' && bang < 0
                    && colon < 0) {
                bang = i;
            } else if (nesting == 0 && c == ':' && colon < 0) {
                colon = i;
                break;
            } else if (nesting == 0 && c == '}') {
                end = i;
                break;
            }
        }
        if (colon >= 0) {
            int n = 0;
            for (end = colon + 1; end < s.length(); end++) {
                char c = s.charAt(end);
                if (c == '{') {
                    n++;
                } else if (c == '}') {
                    if (n == 0) {
                        break;
                    }
                    n--;
                }
            }
            if (end >= s.length()) {
                end = -1;
            }
        }
        if (end < 0) {
            throw error("f-string: expecting '}'", t);
        }
        int exprEnd = bang >= 0 ? bang : colon >= 0 ? colon : end;
        String text = s.substring(start, exprEnd);
        if (text.isBlank()) {
            throw error("f-string: empty expression not allowed", t);
        }
        Expr value = subExpression(t, text);
        char conversion = 0;
        if (bang >= 0) {
            String conv = s.substring(bang + 1, colon >= 0 ? colon : end);
            if (!conv.equals("s") && !conv.equals("r") && !conv.equals("a")) {
                throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'", t);
            }
            conversion = conv.charAt(0);
        }
        Expr spec = null;
        if (colon >= 0) {
            List<Expr> specParts = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            fstring(new Token(Kind.FSTRING, t.text(), s.substring(colon + 1, end), t.line(), t.column()), lit,
                    specParts);
            if (!lit.isEmpty()) {
                specParts.add(new Const(lit.toString(), line(t), col(t)));
            }
            spec = new JoinedStr(List.copyOf(specParts), line(t), col(t));
        }
        parts.add(new FormattedValue(value, conversion, spec, line(t), col(t)));
        return end + 1;
    }

    private Expr subExpression(Token t, String text) throws PythonSyntaxError {
        List<Token> sub = Tokenizer.tokenize("(" + text.strip() + ")");
        for (Token x : sub) {
            if (x.kind() == Kind.NEWLINE && x != sub.get(sub.size() - 2)) {
                throw error("f-string: the expression spans lines", t);
            }
        }
        Parser p = new Parser(sub, maxNesting, slots, bound, depth, line(t) - 1, col(t) - 1);
        Expr e = p.testList();
        if (p.peek().kind() != Kind.NEWLINE) {
            throw error("f-string: invalid expression", t);
        }
        return e;
    }
}

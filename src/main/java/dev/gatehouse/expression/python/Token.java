package dev.gatehouse.expression.python;

/**
 * One token of Python source. {@code text} is the name, operator or keyword; {@code value} the decoded literal
 * (a {@code Long}, {@code Double} or {@code String}); line and column are 1-based.
 */
record Token(Kind kind, String text, Object value, int line, int column) {

    enum Kind { NAME, NUMBER, STRING, FSTRING, OP, NEWLINE, INDENT, DEDENT, EOF }

    boolean is(String s) {
        return (kind == Kind.OP || kind == Kind.NAME) && text.equals(s);
    }
}

package dev.gatehouse.expression.python;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits Python source into tokens as CPython's tokenizer does for the subset: NEWLINE at the end of each logical
 * line, INDENT and DEDENT for indentation, implicit line joining inside brackets and explicit joining with a
 * backslash, comments and blank lines skipped, string literals with the prefixes {@code r}, {@code u}, {@code f}
 * and {@code rf} (single, double and triple quotes, the usual escapes), and int and float literals.
 */
final class Tokenizer {
    private static final String[] OPERATORS = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=",
            "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%",
            "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "&", "|", "^", "~"};

    private final String src;
    private final List<Token> out = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    private boolean hasComment;
    private boolean lenient;

    private Tokenizer(String src) {
        this.src = src;
        indents.push(0);
    }

    /** The tokens of {@code source}, ending with NEWLINE, the pending DEDENTs and EOF. */
    static List<Token> tokenize(String source) throws PythonSyntaxError {
        Tokenizer t = new Tokenizer(source);
        t.run();
        return t.out;
    }

    /**
     * The tokens as far as they go, and whether there was a comment (for language detection): never fails; an
     * invalid character is skipped, an unterminated string ends the scan.
     */
    static Scan scanLeniently(String source) {
        Tokenizer t = new Tokenizer(source);
        t.lenient = true;
        try {
            t.run();
        } catch (PythonSyntaxError e) {
            // what was read so far decides
        }
        return new Scan(t.out, t.hasComment);
    }

    record Scan(List<Token> tokens, boolean hasComment) {
    }

    private int col() {
        return pos - lineStart + 1;
    }

    private PythonSyntaxError error(String message) {
        return new PythonSyntaxError(message, line, col());
    }

    private void run() throws PythonSyntaxError {
        boolean atLineStart = true;
        while (true) {
            if (atLineStart && depth == 0) {
                int width = 0;
                int p = pos;
                while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t' || src.charAt(p) == '\f')) {
                    width = src.charAt(p) == '\t' ? (width / 8 + 1) * 8 : width + 1;
                    p++;
                }
                pos = p;
                if (pos >= src.length()) {
                    break;
                }
                char c = src.charAt(pos);
                if (c == '#' || c == '\n' || c == '\r') {
                    skipCommentAndNewline();
                    continue;
                }
                if (c == '\\' && isNewlineAt(pos + 1)) {
                    throw error("a backslash continuation at the start of a line is not supported");
                }
                indent(width);
                atLineStart = false;
            }
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                hasComment = true;
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\n' || c == '\r') {
                if (depth == 0) {
                    add(Token.Kind.NEWLINE, "\n", null, line, col());
                    atLineStart = true;
                }
                newline();
            } else if (c == '\\') {
                if (!isNewlineAt(pos + 1)) {
                    throw error("unexpected character after line continuation character");
                }
                pos++;
                newline();
            } else if (Character.isLetter(c) || c == '_') {
                name();
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(pos, "");
            } else {
                operator();
            }
        }
        if (depth > 0 && !lenient) {
            throw error("unexpected end of the expression: a bracket is not closed");
        }
        int endLine = line;
        int endCol = col();
        if (!out.isEmpty() && out.getLast().kind() != Token.Kind.NEWLINE) {
            add(Token.Kind.NEWLINE, "\n", null, endLine, endCol);
        }
        while (indents.peek() > 0) {
            indents.pop();
            add(Token.Kind.DEDENT, "", null, endLine, endCol);
        }
        add(Token.Kind.EOF, "", null, endLine, endCol);
    }

    private boolean isNewlineAt(int p) {
        return p < src.length() && (src.charAt(p) == '\n' || src.charAt(p) == '\r');
    }

    private void skipCommentAndNewline() {
        if (pos < src.length() && src.charAt(pos) == '#') {
            hasComment = true;
        }
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            pos++;
        }
        if (pos < src.length()) {
            newline();
        }
    }

    private void newline() {
        if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
        lineStart = pos;
    }

    private void indent(int width) throws PythonSyntaxError {
        if (width > indents.peek()) {
            indents.push(width);
            add(Token.Kind.INDENT, "", null, line, col());
            return;
        }
        while (width < indents.peek()) {
            indents.pop();
            add(Token.Kind.DEDENT, "", null, line, col());
        }
        if (width != indents.peek() && !lenient) {
            throw new PythonSyntaxError("unindent does not match any outer indentation level", line, 1);
        }
    }

    private void add(Token.Kind kind, String text, Object value, int l, int c) {
        out.add(new Token(kind, text, value, l, c));
    }

    private void name() throws PythonSyntaxError {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        String word = src.substring(start, pos);
        if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
                && word.length() <= 2 && word.toLowerCase(java.util.Locale.ROOT).matches("r|u|f|b|rf|fr|br|rb")) {
            pos = start;
            string(start + word.length(), word.toLowerCase(java.util.Locale.ROOT));
            return;
        }
        add(Token.Kind.NAME, word, null, line, start - lineStart + 1);
    }

    private void number() throws PythonSyntaxError {
        int start = pos;
        int c0 = start - lineStart + 1;
        if (src.charAt(pos) == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            char kind = Character.toLowerCase(src.charAt(pos + 1));
            pos += 2;
            int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            int digits = pos;
            while (pos < src.length() && (Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) {
                pos++;
            }
            String text = src.substring(digits, pos).replace("_", "");
            checkNumberEnd();
            try {
                add(Token.Kind.NUMBER, src.substring(start, pos), Long.parseLong(text, radix), line, c0);
            } catch (NumberFormatException e) {
                throw new PythonSyntaxError("the integer literal is too large (ints are 64-bit here)", line, c0);
            }
            return;
        }
        boolean isFloat = false;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
            throw new PythonSyntaxError("complex numbers are not supported", line, c0);
        }
        checkNumberEnd();
        String text = src.substring(start, pos).replace("_", "");
        if (isFloat) {
            add(Token.Kind.NUMBER, src.substring(start, pos), Double.parseDouble(text), line, c0);
            return;
        }
        if (text.length() > 1 && text.startsWith("0") && !text.matches("0+")) {
            throw new PythonSyntaxError("leading zeros in decimal integer literals are not permitted", line, c0);
        }
        try {
            add(Token.Kind.NUMBER, src.substring(start, pos), Long.parseLong(text), line, c0);
        } catch (NumberFormatException e) {
            throw new PythonSyntaxError("the integer literal is too large (ints are 64-bit here)", line, c0);
        }
    }

    private void checkNumberEnd() throws PythonSyntaxError {
        if (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw error("invalid number literal");
        }
    }

    /** A string literal whose quote starts at {@code q}; the token starts at {@link #pos}. */
    private void string(int q, String prefix) throws PythonSyntaxError {
        int startLine = line;
        int startCol = col();
        if (prefix.contains("b") && !lenient) {
            throw new PythonSyntaxError("bytes literals are not supported", startLine, startCol);
        }
        boolean raw = prefix.contains("r");
        boolean f = prefix.contains("f");
        char quote = src.charAt(q);
        boolean triple = q + 2 < src.length() && src.charAt(q + 1) == quote && src.charAt(q + 2) == quote;
        pos = q + (triple ? 3 : 1);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new PythonSyntaxError("unterminated string literal", startLine, startCol);
            }
            char c = src.charAt(pos);
            if (c == quote && (!triple || src.startsWith("" + quote + quote + quote, pos))) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n' || c == '\r') {
                if (!triple) {
                    throw new PythonSyntaxError("unterminated string literal", startLine, startCol);
                }
                b.append('\n');
                newline();
                continue;
            }
            if (c == '\\') {
                if (pos + 1 >= src.length()) {
                    throw new PythonSyntaxError("unterminated string literal", startLine, startCol);
                }
                char n = src.charAt(pos + 1);
                if (raw) {
                    b.append(c).append(n);
                    pos += 2;
                    if (n == '\n' || n == '\r') {
                        pos--;
                        newline();
                    }
                    continue;
                }
                pos += 2;
                switch (n) {
                    case '\n', '\r' -> {
                        pos--;
                        newline();
                    }
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '\'' -> b.append('\'');
                    case '"' -> b.append('"');
                    case 'a' -> b.append('\u0007');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'v' -> b.append('\u000b');
                    case 'x' -> b.appendCodePoint(hex(2));
                    case 'u' -> b.appendCodePoint(hex(4));
                    case 'U' -> b.appendCodePoint(hex(8));
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        int v = n - '0';
                        for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; i++) {
                            v = v * 8 + src.charAt(pos++) - '0';
                        }
                        b.append((char) v);
                    }
                    case 'N' -> throw error("\\N{...} escapes are not supported");
                    default -> b.append('\\').append(n);
                }
                continue;
            }
            b.append(c);
            pos++;
        }
        add(f ? Token.Kind.FSTRING : Token.Kind.STRING, src.substring(q - prefix.length(), Math.min(pos, src.length())),
                b.toString(), startLine, startCol);
    }

    private int hex(int n) throws PythonSyntaxError {
        if (pos + n > src.length()) {
            throw error("truncated escape sequence");
        }
        try {
            int v = Integer.parseInt(src.substring(pos, pos + n), 16);
            if (v < 0 || v > Character.MAX_CODE_POINT) {
                throw error("invalid escape sequence");
            }
            pos += n;
            return v;
        } catch (NumberFormatException e) {
            throw error("truncated escape sequence");
        }
    }

    private void operator() throws PythonSyntaxError {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                int c = col();
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    depth++;
                } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                    if (depth == 0 && !lenient) {
                        throw error("unmatched '" + op + "'");
                    }
                    depth = Math.max(0, depth - 1);
                }
                pos += op.length();
                add(Token.Kind.OP, op, null, line, c);
                return;
            }
        }
        int cp = src.codePointAt(pos);
        if (lenient) {
            pos += Character.charCount(cp);
            return;
        }
        throw error("invalid character '" + new String(Character.toChars(cp)) + "' (U+"
                + String.format("%04X", cp) + ")");
    }
}

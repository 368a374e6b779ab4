package dev.gatehouse.expression.python;

import java.util.Set;

/** Tells Python source from CEL by its tokens (see {@code ExpressionLanguage}). */
public final class PythonSource {
    /** CEL's reserved words that are Python keywords. */
    private static final Set<String> CEL_RESERVED_KEYWORDS = Set.of("as", "break", "continue", "else", "for", "if",
            "import", "return", "while", "from", "def", "class", "lambda", "pass", "elif", "try", "with", "raise",
            "del", "global", "nonlocal", "yield", "assert");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=",
            "|=", "^=", "<<=", ">>=", ";");

    private PythonSource() {
    }

    /** Whether the source has a comment, a keyword CEL reserves, an assignment or a {@code ;}. */
    public static boolean looksLikePython(String source) {
        Tokenizer.Scan scan = Tokenizer.scanLeniently(source);
        if (scan.hasComment()) {
            return true;
        }
        Token previous = null;
        for (Token t : scan.tokens()) {
            if (t.kind() == Token.Kind.NAME && CEL_RESERVED_KEYWORDS.contains(t.text())
                    && (previous == null || !previous.is("."))) {
                return true;
            }
            if (t.kind() == Token.Kind.OP && ASSIGNMENTS.contains(t.text())) {
                return true;
            }
            previous = t;
        }
        return false;
    }
}

package dev.gatehouse.expression.python;

/** Python source the front end refuses (a syntax error or a construct outside the subset), with its position. */
public final class PythonSyntaxError extends Exception {
    private final int line;
    private final int column;

    PythonSyntaxError(String message, int line, int column) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based. */
    public int column() {
        return column;
    }

    /**
     * The message in the shape of CEL's: {@code ERROR: expression:L:C: message}, then the source line and a caret
     * under the column.
     */
    public String describe(String source) {
        String[] lines = source.split("\r\n|\r|\n", -1);
        StringBuilder b = new StringBuilder("ERROR: expression:").append(line).append(':').append(column).append(": ")
                .append(getMessage());
        if (line >= 1 && line <= lines.length) {
            String text = lines[line - 1];
            if (text.length() > 200) {
                text = text.substring(0, 200) + "…";
            }
            b.append("\n | ").append(text).append("\n | ").append(".".repeat(Math.max(0, Math.min(column - 1, 200))))
                    .append('^');
        }
        return b.toString();
    }
}

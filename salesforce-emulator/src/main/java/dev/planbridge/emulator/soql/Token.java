package dev.planbridge.emulator.soql;

/**
 * One lexical token with its 1-based position. {@code text} is the source text (for identifiers, numbers, symbols)
 * or the unescaped value (strings); {@code likeText} is, for strings only, the value with LIKE's escapes kept
 * ({@code \%}, {@code \_}, {@code \\}) so a LIKE pattern can tell a literal '%' from a wildcard.
 */
record Token(Kind kind, String text, String likeText, int line, int column) {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, COMMA, DOT, LPAREN, RPAREN, COLON, OPERATOR, EOF }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True for an identifier equal, ignoring case, to the keyword. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    String position() {
        return "Row:" + line + ":Column:" + column;
    }

    /** How the token is named in an "unexpected token" message. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}

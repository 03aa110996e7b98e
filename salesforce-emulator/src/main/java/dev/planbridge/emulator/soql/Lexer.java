package dev.planbridge.emulator.soql;

import java.util.ArrayList;
import java.util.List;

/** Splits SOQL text into tokens, tracking line and column, and decoding string escapes. */
final class Lexer {

    private final String src;
    private int pos;
    private int line = 1;
    private int col = 1;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String soql) {
        return new Lexer(soql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= src.length()) {
                tokens.add(new Token(Token.Kind.EOF, "<EOF>", null, line, col));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            advance();
        }
    }

    private char advance() {
        char c = src.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        return c;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private Token next() {
        int startLine = line;
        int startCol = col;
        char c = peek(0);
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(peek(0)) || peek(0) == '_')) {
                advance();
            }
            return new Token(Token.Kind.IDENT, src.substring(start, pos), null, startLine, startCol);
        }
        if (c == '\'') {
            return string(startLine, startCol);
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+') && Character.isDigit(peek(1)))) {
            return numberOrDate(startLine, startCol);
        }
        switch (c) {
            case ',': advance(); return new Token(Token.Kind.COMMA, ",", null, startLine, startCol);
            case '.': advance(); return new Token(Token.Kind.DOT, ".", null, startLine, startCol);
            case '(': advance(); return new Token(Token.Kind.LPAREN, "(", null, startLine, startCol);
            case ')': advance(); return new Token(Token.Kind.RPAREN, ")", null, startLine, startCol);
            case ':': advance(); return new Token(Token.Kind.COLON, ":", null, startLine, startCol);
            case '=': advance(); return new Token(Token.Kind.OPERATOR, "=", null, startLine, startCol);
            case '!':
                if (peek(1) == '=') {
                    advance();
                    advance();
                    return new Token(Token.Kind.OPERATOR, "!=", null, startLine, startCol);
                }
                break;
            case '<':
                advance();
                if (peek(0) == '=') {
                    advance();
                    return new Token(Token.Kind.OPERATOR, "<=", null, startLine, startCol);
                }
                if (peek(0) == '>') {
                    advance();
                    return new Token(Token.Kind.OPERATOR, "!=", null, startLine, startCol);
                }
                return new Token(Token.Kind.OPERATOR, "<", null, startLine, startCol);
            case '>':
                advance();
                if (peek(0) == '=') {
                    advance();
                    return new Token(Token.Kind.OPERATOR, ">=", null, startLine, startCol);
                }
                return new Token(Token.Kind.OPERATOR, ">", null, startLine, startCol);
            default:
                break;
        }
        // Salesforce names the offending character the same way it names an unexpected token.
        throw new SoqlException(SoqlException.MALFORMED_QUERY,
                "unexpected token: '" + c + "' at Row:" + startLine + ":Column:" + startCol);
    }

    private Token string(int startLine, int startCol) {
        advance(); // opening quote
        StringBuilder value = new StringBuilder();
        StringBuilder like = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SoqlException(SoqlException.MALFORMED_QUERY,
                        "unterminated string literal starting at Row:" + startLine + ":Column:" + startCol);
            }
            int escLine = line;
            int escCol = col;
            char c = advance();
            if (c == '\'') {
                return new Token(Token.Kind.STRING, value.toString(), like.toString(), startLine, startCol);
            }
            if (c != '\\') {
                value.append(c);
                like.append(c);
                continue;
            }
            if (pos >= src.length()) {
                throw new SoqlException(SoqlException.MALFORMED_QUERY,
                        "unterminated string literal starting at Row:" + startLine + ":Column:" + startCol);
            }
            char e = advance();
            switch (e) {
                case 'n', 'N' -> append(value, like, '\n');
                case 'r', 'R' -> append(value, like, '\r');
                case 't', 'T' -> append(value, like, '\t');
                case 'b', 'B' -> append(value, like, '\b');
                case 'f', 'F' -> append(value, like, '\f');
                case '"' -> append(value, like, '"');
                case '\'' -> append(value, like, '\'');
                case '\\' -> {
                    value.append('\\');
                    like.append("\\\\");
                }
                // \% and \_ only mean something to LIKE; elsewhere they stand for the plain character.
                case '%', '_' -> {
                    value.append(e);
                    like.append('\\').append(e);
                }
                case 'u', 'U' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = pos < src.length() ? Character.digit(src.charAt(pos), 16) : -1;
                        if (digit < 0) {
                            throw invalidEscape("\\u" + src.substring(pos - i, Math.min(src.length(), pos + 1)),
                                    escLine, escCol);
                        }
                        advance();
                        code = code * 16 + digit;
                    }
                    append(value, like, (char) code);
                }
                default -> throw invalidEscape("\\" + e, escLine, escCol);
            }
        }
    }

    private static void append(StringBuilder value, StringBuilder like, char c) {
        value.append(c);
        if (c == '\\') {
            like.append("\\\\");
        } else {
            like.append(c);
        }
    }

    private static SoqlException invalidEscape(String sequence, int line, int col) {
        return new SoqlException(SoqlException.MALFORMED_QUERY,
                "Invalid string literal: illegal escape sequence '" + sequence + "' (valid: \\' \\\" \\\\ \\n \\r \\t "
                        + "\\b \\f \\uXXXX, and \\% \\_ for LIKE) at Row:" + line + ":Column:" + col);
    }

    /**
     * Lexes a number, a date (YYYY-MM-DD) or a datetime (YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)). The shapes are
     * checked here; calendar validity (month 13) is checked by the parser, which knows the token's position.
     */
    private Token numberOrDate(int startLine, int startCol) {
        int start = pos;
        if (isDateAhead()) {
            for (int i = 0; i < 10; i++) {
                advance();
            }
            if (peek(0) == 'T' || peek(0) == 't') {
                advance();
                if (!(digits(2) && expect(':') && digits(2) && expect(':') && digits(2))) {
                    throw badLiteral(start, startLine, startCol);
                }
                if (peek(0) == '.') {
                    advance();
                    if (!Character.isDigit(peek(0))) {
                        throw badLiteral(start, startLine, startCol);
                    }
                    while (Character.isDigit(peek(0))) {
                        advance();
                    }
                }
                char z = peek(0);
                if (z == 'Z' || z == 'z') {
                    advance();
                } else if (z == '+' || z == '-') {
                    advance();
                    if (!(digits(2) && expect(':') && digits(2))) {
                        throw badLiteral(start, startLine, startCol);
                    }
                } else {
                    throw badLiteral(start, startLine, startCol);
                }
                checkNoTrailingWordChar(start, startLine, startCol);
                return new Token(Token.Kind.DATETIME, src.substring(start, pos), null, startLine, startCol);
            }
            checkNoTrailingWordChar(start, startLine, startCol);
            return new Token(Token.Kind.DATE, src.substring(start, pos), null, startLine, startCol);
        }
        if (peek(0) == '-' || peek(0) == '+') {
            advance();
        }
        while (Character.isDigit(peek(0))) {
            advance();
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            advance();
            while (Character.isDigit(peek(0))) {
                advance();
            }
        }
        checkNoTrailingWordChar(start, startLine, startCol);
        return new Token(Token.Kind.NUMBER, src.substring(start, pos), null, startLine, startCol);
    }

    private boolean isDateAhead() {
        for (int i = 0; i < 10; i++) {
            char c = peek(i);
            boolean ok = (i == 4 || i == 7) ? c == '-' : Character.isDigit(c);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean digits(int n) {
        for (int i = 0; i < n; i++) {
            if (!Character.isDigit(peek(0))) {
                return false;
            }
            advance();
        }
        return true;
    }

    private boolean expect(char c) {
        if (peek(0) != c) {
            return false;
        }
        advance();
        return true;
    }

    private void checkNoTrailingWordChar(int start, int startLine, int startCol) {
        char c = peek(0);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '.' && pos > start) {
            if (c == '.' && !Character.isDigit(peek(1))) {
                return; // "5." followed by something else: the parser reports the dot
            }
            throw badLiteral(start, startLine, startCol);
        }
    }

    private SoqlException badLiteral(int start, int startLine, int startCol) {
        int end = pos;
        while (end < src.length() && !Character.isWhitespace(src.charAt(end)) && ",()".indexOf(src.charAt(end)) < 0) {
            end++;
        }
        return new SoqlException(SoqlException.MALFORMED_QUERY,
                "unexpected token: '" + src.substring(start, end) + "' at Row:" + startLine + ":Column:" + startCol);
    }
}

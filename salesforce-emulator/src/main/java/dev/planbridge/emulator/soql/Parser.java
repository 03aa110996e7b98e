package dev.planbridge.emulator.soql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for the SOQL subset the emulator supports. Grammar (keywords case-insensitive):
 * <pre>
 * select     := SELECT (COUNT '(' ')' | path (',' path)*) FROM name [alias]
 *               [WHERE or] [ORDER BY order (',' order)*] [LIMIT int] [OFFSET int]
 * or         := and (OR and)*        -- AND and OR cannot be mixed without parentheses, as in Salesforce
 * and        := unary (AND unary)*
 * unary      := NOT unary | '(' or ')' | path compareOp literal | path [NOT] IN '(' (select | literals) ')'
 *             | path (INCLUDES|EXCLUDES) '(' literals ')'
 * literal    := string | number | date | datetime | TRUE | FALSE | NULL | DATE_LITERAL [':' int]
 * </pre>
 * Clauses that exist in Salesforce but not in the emulator (WITH, GROUP BY, HAVING, FOR, TYPEOF, USING SCOPE,
 * aggregate functions, child subqueries) are rejected with MALFORMED_QUERY naming them.
 */
final class Parser {

    private static final Set<String> CLAUSE_KEYWORDS = Set.of("WHERE", "WITH", "GROUP", "HAVING", "ORDER", "LIMIT",
            "OFFSET", "FOR", "USING", "UPDATE", "ALL");
    private static final Set<String> RESERVED = Set.of("AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
            "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE",
            "WITH", "ORDER", "OFFSET", "TRUE", "FALSE");

    /** Salesforce's limit on the length of a SOQL statement. */
    static final int MAX_LENGTH = 100_000;
    /** Bounds recursion so that "((((..." cannot exhaust the stack; far beyond any real query. */
    static final int MAX_NESTING = 100;

    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Ast.Select parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException(SoqlException.MALFORMED_QUERY, "unexpected token: '<EOF>' at Row:1:Column:1");
        }
        if (soql.length() > MAX_LENGTH) {
            throw new SoqlException(SoqlException.MALFORMED_QUERY,
                    "SOQL statements cannot be longer than 100,000 characters.");
        }
        Parser parser = new Parser(Lexer.tokenize(soql));
        Ast.Select select = parser.select();
        parser.expectEof();
        return select;
    }

    // ---- statement ----

    private Ast.Select select() {
        Token selectToken = expectKeyword("SELECT");
        List<Ast.Path> items = new ArrayList<>();
        boolean count = false;
        if (peek().isKeyword("COUNT") && peek(1).is(Token.Kind.LPAREN)) {
            Token countToken = next();
            next();
            if (!peek().is(Token.Kind.RPAREN)) {
                throw unsupported("aggregate function COUNT(field)", countToken,
                        "; only COUNT() is");
            }
            next();
            count = true;
        } else {
            items.add(selectItem());
            while (peek().is(Token.Kind.COMMA)) {
                next();
                items.add(selectItem());
            }
        }
        if (count && peek().is(Token.Kind.COMMA)) {
            throw unexpected(peek());
        }
        expectKeyword("FROM");
        Token from = expectObjectName();
        String alias = null;
        if (peek().is(Token.Kind.IDENT) && !CLAUSE_KEYWORDS.contains(upper(peek()))
                && !RESERVED.contains(upper(peek()))) {
            alias = next().text();
        }
        Ast.Condition where = null;
        if (peek().isKeyword("WHERE")) {
            next();
            where = orCondition();
        }
        rejectUnsupportedClauses();
        List<Ast.OrderItem> orderBy = List.of();
        if (peek().isKeyword("ORDER")) {
            next();
            expectKeyword("BY");
            orderBy = orderList();
        }
        Integer limit = null;
        Token limitToken = null;
        if (peek().isKeyword("LIMIT")) {
            limitToken = next();
            limit = nonNegativeInt();
        }
        Integer offset = null;
        Token offsetToken = null;
        if (peek().isKeyword("OFFSET")) {
            offsetToken = next();
            offset = nonNegativeInt();
        }
        rejectUnsupportedClauses();
        return new Ast.Select(selectToken, List.copyOf(items), count, from, alias, where, orderBy, limit, limitToken,
                offset, offsetToken);
    }

    private void rejectUnsupportedClauses() {
        Token t = peek();
        if (t.isKeyword("WITH")) {
            throw unsupported("WITH clause", t, "");
        }
        if (t.isKeyword("GROUP") && peek(1).isKeyword("BY")) {
            throw unsupported("GROUP BY", t, "");
        }
        if (t.isKeyword("HAVING")) {
            throw unsupported("HAVING", t, "");
        }
        if (t.isKeyword("FOR")) {
            throw unsupported("FOR " + peek(1).text().toUpperCase(Locale.ROOT), t, "");
        }
        if (t.isKeyword("USING")) {
            throw unsupported("USING SCOPE", t, "");
        }
    }

    private Ast.Path selectItem() {
        Token t = peek();
        if (t.is(Token.Kind.LPAREN)) {
            throw unsupported("child relationship subquery in SELECT", t, "");
        }
        if (t.isKeyword("TYPEOF")) {
            throw unsupported("TYPEOF", t, "");
        }
        if (t.is(Token.Kind.IDENT) && peek(1).is(Token.Kind.LPAREN)) {
            throw unsupported("function " + t.text() + "()", t, " in SELECT");
        }
        return path();
    }

    private List<Ast.OrderItem> orderList() {
        List<Ast.OrderItem> items = new ArrayList<>();
        do {
            if (!items.isEmpty()) {
                next(); // comma
            }
            Ast.Path path = path();
            boolean descending = false;
            if (peek().isKeyword("ASC")) {
                next();
            } else if (peek().isKeyword("DESC")) {
                next();
                descending = true;
            }
            Boolean nullsFirst = null;
            if (peek().isKeyword("NULLS")) {
                next();
                Token which = next();
                if (which.isKeyword("FIRST")) {
                    nullsFirst = true;
                } else if (which.isKeyword("LAST")) {
                    nullsFirst = false;
                } else {
                    throw unexpected(which);
                }
            }
            items.add(new Ast.OrderItem(path, descending, nullsFirst));
        } while (peek().is(Token.Kind.COMMA));
        return List.copyOf(items);
    }

    private int nonNegativeInt() {
        Token t = next();
        if (!t.is(Token.Kind.NUMBER) || !t.text().chars().allMatch(Character::isDigit)) {
            throw unexpected(t);
        }
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw new SoqlException(SoqlException.MALFORMED_QUERY,
                    "number too large: " + t.text() + " at " + t.position());
        }
    }

    // ---- conditions ----

    private Ast.Condition orCondition() {
        Ast.Condition first = unary();
        Token connector = peek();
        if (!connector.isKeyword("AND") && !connector.isKeyword("OR")) {
            return first;
        }
        boolean isAnd = connector.isKeyword("AND");
        List<Ast.Condition> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            Token c = peek();
            if (c.isKeyword("AND") != isAnd) {
                // Salesforce requires parentheses when AND and OR are combined.
                throw unexpected(c);
            }
            next();
            operands.add(unary());
        }
        return isAnd ? new Ast.And(List.copyOf(operands)) : new Ast.Or(List.copyOf(operands), connector);
    }

    private Ast.Condition unary() {
        Token t = peek();
        if (t.isKeyword("NOT") || t.is(Token.Kind.LPAREN)) {
            if (++nesting > MAX_NESTING) {
                throw new SoqlException(SoqlException.MALFORMED_QUERY, "conditions nested more than " + MAX_NESTING
                        + " levels deep at " + t.position());
            }
            next();
            Ast.Condition result;
            if (t.isKeyword("NOT")) {
                result = new Ast.Not(unary());
            } else {
                result = orCondition();
                expect(Token.Kind.RPAREN);
            }
            nesting--;
            return result;
        }
        return simpleCondition();
    }

    private Ast.Condition simpleCondition() {
        Token start = peek();
        if (start.is(Token.Kind.IDENT) && peek(1).is(Token.Kind.LPAREN)) {
            throw unsupported("function " + start.text() + "()", start, " in WHERE");
        }
        Ast.Path field = path();
        Token op = next();
        if (op.is(Token.Kind.OPERATOR)) {
            return new Ast.Compare(field, op, literal());
        }
        if (op.isKeyword("LIKE")) {
            return new Ast.Compare(field, op, literal());
        }
        if (op.isKeyword("IN")) {
            return inList(field, op, Ast.ListOp.IN);
        }
        if (op.isKeyword("NOT") && peek().isKeyword("IN")) {
            next();
            return inList(field, op, Ast.ListOp.NOT_IN);
        }
        if (op.isKeyword("INCLUDES")) {
            return inList(field, op, Ast.ListOp.INCLUDES);
        }
        if (op.isKeyword("EXCLUDES")) {
            return inList(field, op, Ast.ListOp.EXCLUDES);
        }
        throw unexpected(op);
    }

    private Ast.Condition inList(Ast.Path field, Token op, Ast.ListOp listOp) {
        expect(Token.Kind.LPAREN);
        if (peek().isKeyword("SELECT")) {
            if (listOp == Ast.ListOp.INCLUDES || listOp == Ast.ListOp.EXCLUDES) {
                throw unexpected(peek());
            }
            if (++nesting > MAX_NESTING) {
                throw new SoqlException(SoqlException.MALFORMED_QUERY, "sub-selects nested more than "
                        + MAX_NESTING + " levels deep at " + peek().position());
            }
            Ast.Select sub = select();
            expect(Token.Kind.RPAREN);
            nesting--;
            return new Ast.SemiJoin(field, op, listOp == Ast.ListOp.NOT_IN, sub);
        }
        List<Ast.Literal> values = new ArrayList<>();
        values.add(literal());
        while (peek().is(Token.Kind.COMMA)) {
            next();
            values.add(literal());
        }
        expect(Token.Kind.RPAREN);
        return new Ast.InList(field, op, listOp, List.copyOf(values));
    }

    private Ast.Literal literal() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Ast.Literal(Ast.LiteralKind.STRING, t.text(), t.likeText(), t);
            case NUMBER:
                return new Ast.Literal(Ast.LiteralKind.NUMBER, new BigDecimal(t.text()), null, t);
            case DATE:
                try {
                    return new Ast.Literal(Ast.LiteralKind.DATE, LocalDate.parse(t.text()), null, t);
                } catch (DateTimeParseException e) {
                    throw new SoqlException(SoqlException.MALFORMED_QUERY,
                            "invalid date: " + t.text() + " at " + t.position());
                }
            case DATETIME:
                try {
                    String text = t.text().toUpperCase(Locale.ROOT);
                    return new Ast.Literal(Ast.LiteralKind.DATETIME, OffsetDateTime.parse(text).toInstant(), null, t);
                } catch (DateTimeParseException e) {
                    throw new SoqlException(SoqlException.MALFORMED_QUERY,
                            "invalid datetime: " + t.text() + " at " + t.position());
                }
            case IDENT:
                if (t.isKeyword("NULL")) {
                    return new Ast.Literal(Ast.LiteralKind.NULL, null, null, t);
                }
                if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
                    return new Ast.Literal(Ast.LiteralKind.BOOLEAN, t.isKeyword("TRUE"), null, t);
                }
                return relativeDate(t);
            default:
                throw unexpected(t);
        }
    }

    private Ast.Literal relativeDate(Token t) {
        String name = upper(t);
        if (DateLiterals.isFixed(name)) {
            return new Ast.Literal(Ast.LiteralKind.RELATIVE_DATE, new DateLiterals.Relative(name, 0), null, t);
        }
        if (DateLiterals.isParameterized(name)) {
            if (!peek().is(Token.Kind.COLON)) {
                throw unexpected(peek());
            }
            next();
            Token n = next();
            if (!n.is(Token.Kind.NUMBER) || !n.text().chars().allMatch(Character::isDigit)) {
                throw unexpected(n);
            }
            int value;
            try {
                value = Integer.parseInt(n.text());
            } catch (NumberFormatException e) {
                throw unexpected(n);
            }
            return new Ast.Literal(Ast.LiteralKind.RELATIVE_DATE, new DateLiterals.Relative(name, value), null, t);
        }
        throw unexpected(t);
    }

    // ---- names ----

    private Ast.Path path() {
        Token first = expectName();
        List<String> parts = new ArrayList<>();
        parts.add(first.text());
        while (peek().is(Token.Kind.DOT)) {
            next();
            parts.add(expectName().text());
        }
        return new Ast.Path(List.copyOf(parts), first);
    }

    /** Object names may be words reserved elsewhere: Salesforce has a Group object, queried as "FROM Group". */
    private Token expectObjectName() {
        Token t = next();
        if (!t.is(Token.Kind.IDENT) || (RESERVED.contains(upper(t)) && !t.isKeyword("GROUP"))) {
            throw unexpected(t);
        }
        return t;
    }

    private Token expectName() {
        Token t = next();
        if (!t.is(Token.Kind.IDENT) || RESERVED.contains(upper(t))) {
            throw unexpected(t);
        }
        return t;
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    private Token expect(Token.Kind kind) {
        Token t = next();
        if (!t.is(kind)) {
            throw unexpected(t);
        }
        return t;
    }

    private Token expectKeyword(String keyword) {
        Token t = next();
        if (!t.isKeyword(keyword)) {
            throw unexpected(t);
        }
        return t;
    }

    private void expectEof() {
        Token t = peek();
        if (!t.is(Token.Kind.EOF)) {
            throw unexpected(t);
        }
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    static SoqlException unexpected(Token t) {
        return new SoqlException(SoqlException.MALFORMED_QUERY,
                "unexpected token: '" + t.display() + "' at " + t.position());
    }

    private static SoqlException unsupported(String what, Token t, String detail) {
        return new SoqlException(SoqlException.MALFORMED_QUERY,
                what + " is not supported by the Salesforce emulator" + detail + " at " + t.position());
    }
}

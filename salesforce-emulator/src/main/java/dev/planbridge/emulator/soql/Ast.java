package dev.planbridge.emulator.soql;

import java.util.List;

/** Syntax tree produced by {@link Parser}; names are still as written (not yet resolved against the schema). */
final class Ast {

    private Ast() {
    }

    /** A dotted name as written, e.g. Owner.Name, with the position of its first part. */
    record Path(List<String> parts, Token at) {
        String text() {
            return String.join(".", parts);
        }
    }

    record OrderItem(Path path, boolean descending, Boolean nullsFirst) {}

    /** SELECT statement; {@code items} is empty for COUNT(). {@code alias} may be null. */
    record Select(Token selectToken, List<Path> items, boolean count, Token from, String alias, Condition where,
                  List<OrderItem> orderBy, Integer limit, Token limitToken, Integer offset, Token offsetToken) {}

    sealed interface Condition permits And, Or, Not, Compare, InList, SemiJoin {}

    record And(List<Condition> operands) implements Condition {}

    record Or(List<Condition> operands, Token firstOr) implements Condition {}

    record Not(Condition operand) implements Condition {}

    /** field op value for = != < <= > >= LIKE. */
    record Compare(Path field, Token operator, Literal value) implements Condition {}

    /** field [NOT] IN (...), INCLUDES (...), EXCLUDES (...). */
    record InList(Path field, Token operator, ListOp op, List<Literal> values) implements Condition {}

    enum ListOp { IN, NOT_IN, INCLUDES, EXCLUDES }

    /** field [NOT] IN (SELECT ...). */
    record SemiJoin(Path field, Token operator, boolean anti, Select subquery) implements Condition {}

    enum LiteralKind { STRING, NUMBER, BOOLEAN, NULL, DATE, DATETIME, RELATIVE_DATE }

    /**
     * A literal: value is String, BigDecimal, Boolean, null, LocalDate, Instant or a {@link DateLiterals.Relative};
     * {@code likeText} is the LIKE form of strings.
     */
    record Literal(LiteralKind kind, Object value, String likeText, Token at) {}
}

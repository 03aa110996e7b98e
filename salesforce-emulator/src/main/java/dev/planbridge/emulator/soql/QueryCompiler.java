package dev.planbridge.emulator.soql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves a parsed query against the schema: canonical object, field and relationship names, literal-versus-field
 * type checks and operator checks, producing an immutable {@link SoqlQuery}. Error codes and texts follow Salesforce.
 */
final class QueryCompiler {

    static final int MAX_OFFSET = 2000;

    private final SoqlSchema schema;

    QueryCompiler(SoqlSchema schema) {
        this.schema = schema;
    }

    /** Fields resolved while compiling (one query per thread at a time; semi-joins add to the outer query's set). */
    private static final ThreadLocal<Set<String>> REFERENCED = new ThreadLocal<>();

    SoqlQuery compile(Ast.Select select) {
        boolean outer = REFERENCED.get() == null;
        if (outer) {
            REFERENCED.set(new java.util.LinkedHashSet<>());
        }
        try {
            SoqlQuery query = compileSelect(select);
            return outer ? query.withReferencedFields(List.copyOf(REFERENCED.get())) : query;
        } finally {
            if (outer) {
                REFERENCED.remove();
            }
        }
    }

    private SoqlQuery compileSelect(Ast.Select select) {
        SoqlSchema.ObjectInfo object = object(select.from());
        Scope scope = new Scope(object, select.alias());

        List<FieldPath> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Ast.Path item : select.items()) {
            FieldPath path = resolve(scope, item);
            if (!seen.add(path.canonical().toLowerCase(Locale.ROOT))) {
                throw new SoqlException(SoqlException.MALFORMED_QUERY,
                        "duplicate field selected: " + path.canonical() + " at " + item.at().position());
            }
            fields.add(path);
        }

        Filters.Filter where = select.where() == null ? null : condition(scope, select.where(), false);

        List<SoqlQuery.SortKey> sortKeys = new ArrayList<>();
        for (Ast.OrderItem order : select.orderBy()) {
            FieldPath path = resolve(scope, order.path());
            if (path.type() == SoqlType.MULTIPICKLIST) {
                throw new SoqlException(SoqlException.INVALID_FIELD, "field '" + path.canonical()
                        + "' can not be sorted in a query call at " + order.path().at().position());
            }
            // Salesforce's default puts nulls first in ascending order, i.e. nulls sort as the smallest value.
            boolean nullsFirst = order.nullsFirst() != null ? order.nullsFirst() : !order.descending();
            sortKeys.add(new SoqlQuery.SortKey(path, order.descending(), nullsFirst));
        }

        if (select.offset() != null && select.offset() > MAX_OFFSET) {
            throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE,
                    "Maximum SOQL offset allowed is " + MAX_OFFSET + " at " + select.offsetToken().position());
        }
        return new SoqlQuery(object.name(), select.count(), List.copyOf(fields), where, List.copyOf(sortKeys),
                select.limit(), select.offset() == null ? 0 : select.offset());
    }

    // ---- names ----

    private record Scope(SoqlSchema.ObjectInfo object, String alias) {}

    private SoqlSchema.ObjectInfo object(Token name) {
        SoqlSchema.ObjectInfo object = schema.object(name.text());
        if (object == null) {
            throw new SoqlException(SoqlException.INVALID_TYPE, "sObject type '" + name.text()
                    + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c'"
                    + " after the entity name. Please reference your WSDL or the describe call for the appropriate"
                    + " names. at " + name.position());
        }
        return object;
    }

    private FieldPath resolve(Scope scope, Ast.Path path) {
        List<String> parts = path.parts();
        SoqlSchema.ObjectInfo current = scope.object();
        int start = 0;
        // "a.Name" with alias a, or "Account.Name" on Account: a qualifier naming the queried object itself,
        // unless it is also a relationship name of that object.
        if (parts.size() > 1 && current.relationship(parts.get(0)) == null
                && (parts.get(0).equalsIgnoreCase(current.name())
                || (scope.alias() != null && parts.get(0).equalsIgnoreCase(scope.alias())))) {
            start = 1;
        }
        List<SoqlSchema.RelationshipInfo> hops = new ArrayList<>();
        StringBuilder canonical = new StringBuilder();
        for (int i = start; i < parts.size() - 1; i++) {
            SoqlSchema.RelationshipInfo rel = current.relationship(parts.get(i));
            if (rel == null) {
                throw new SoqlException(SoqlException.INVALID_FIELD, "Didn't understand relationship '"
                        + parts.get(i) + "' in field path. If you are attempting to use a custom relationship, be"
                        + " sure to append the '__r' after the custom relationship name. Please reference your WSDL"
                        + " or the describe call for the appropriate names. at " + path.at().position());
            }
            SoqlSchema.ObjectInfo target = schema.object(rel.targetObject());
            if (target == null) {
                throw new IllegalStateException("schema: relationship " + current.name() + "." + rel.name()
                        + " points to unknown object " + rel.targetObject());
            }
            hops.add(rel);
            referenced(current.name() + "." + rel.foreignKeyField());
            canonical.append(rel.name()).append('.');
            current = target;
        }
        String fieldName = parts.get(parts.size() - 1);
        SoqlSchema.FieldInfo field = current.field(fieldName);
        if (field == null) {
            throw new SoqlException(SoqlException.INVALID_FIELD, "No such column '" + fieldName + "' on entity '"
                    + current.name() + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                    + " after the custom field name. Please reference your WSDL or the describe call for the"
                    + " appropriate names. at " + path.at().position());
        }
        canonical.append(field.name());
        referenced(current.name() + "." + field.name());
        return new FieldPath(canonical.toString(), List.copyOf(hops), field);
    }

    private static void referenced(String field) {
        Set<String> referenced = REFERENCED.get();
        if (referenced != null) {
            referenced.add(field);
        }
    }

    // ---- conditions ----

    private Filters.Filter condition(Scope scope, Ast.Condition c, boolean underOr) {
        if (c instanceof Ast.And and) {
            return new Filters.And(and.operands().stream().map(o -> condition(scope, o, underOr)).toList());
        }
        if (c instanceof Ast.Or or) {
            return new Filters.Or(or.operands().stream().map(o -> condition(scope, o, true)).toList());
        }
        if (c instanceof Ast.Not not) {
            return new Filters.Not(condition(scope, not.operand(), underOr));
        }
        if (c instanceof Ast.Compare cmp) {
            return compare(scope, cmp);
        }
        if (c instanceof Ast.InList in) {
            return inList(scope, in);
        }
        if (c instanceof Ast.SemiJoin semi) {
            return semiJoin(scope, semi, underOr);
        }
        throw new IllegalStateException("unknown condition " + c);
    }

    private Filters.Filter compare(Scope scope, Ast.Compare cmp) {
        FieldPath field = resolve(scope, cmp.field());
        SoqlType type = field.type();
        Ast.Literal lit = cmp.value();
        Token opToken = cmp.operator();
        if (opToken.isKeyword("LIKE")) {
            if (!isLikeable(type)) {
                throw badOperator("LIKE", field, opToken);
            }
            if (lit.kind() != Ast.LiteralKind.STRING) {
                if (lit.kind() == Ast.LiteralKind.NULL) {
                    throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                            "LIKE requires a string pattern, not null at " + lit.at().position());
                }
                throw wrongType(field, lit);
            }
            return new Filters.Like(field, LikePattern.compile(lit.likeText()));
        }
        Filters.Op op = switch (opToken.text()) {
            case "=" -> Filters.Op.EQ;
            case "!=" -> Filters.Op.NE;
            case "<" -> Filters.Op.LT;
            case "<=" -> Filters.Op.LE;
            case ">" -> Filters.Op.GT;
            case ">=" -> Filters.Op.GE;
            default -> throw Parser.unexpected(opToken);
        };
        boolean ordering = op != Filters.Op.EQ && op != Filters.Op.NE;
        if (ordering && (type == SoqlType.BOOLEAN || type == SoqlType.MULTIPICKLIST)) {
            throw badOperator(opToken.text(), field, opToken);
        }
        if (lit.kind() == Ast.LiteralKind.NULL) {
            if (ordering) {
                throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR, "invalid operator '"
                        + opToken.text() + "' with null: only = and != compare with null at " + opToken.position());
            }
            return new Filters.Compare(field, op, null);
        }
        if (lit.kind() == Ast.LiteralKind.RELATIVE_DATE) {
            checkDateField(field, lit);
            return new Filters.CompareRelative(field, op, (DateLiterals.Relative) lit.value());
        }
        Object value = convert(field, lit);
        return new Filters.Compare(field, op, value);
    }

    private Filters.Filter inList(Scope scope, Ast.InList in) {
        FieldPath field = resolve(scope, in.field());
        SoqlType type = field.type();
        if (in.op() == Ast.ListOp.INCLUDES || in.op() == Ast.ListOp.EXCLUDES) {
            if (type != SoqlType.MULTIPICKLIST) {
                throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR, "includes or excludes operator"
                        + " only valid on multipicklist field: '" + field.canonical() + "' is of type "
                        + typeName(type) + " at " + in.operator().position());
            }
            List<Set<String>> entries = new ArrayList<>();
            for (Ast.Literal lit : in.values()) {
                if (lit.kind() != Ast.LiteralKind.STRING) {
                    throw wrongType(field, lit);
                }
                entries.add(Filters.multiValues((String) lit.value()));
            }
            return new Filters.Includes(field, in.op() == Ast.ListOp.EXCLUDES, List.copyOf(entries));
        }
        if (type == SoqlType.MULTIPICKLIST) {
            throw badOperator(in.op() == Ast.ListOp.IN ? "IN" : "NOT IN", field, in.operator());
        }
        List<Object> values = new ArrayList<>();
        for (Ast.Literal lit : in.values()) {
            if (lit.kind() == Ast.LiteralKind.NULL) {
                values.add(null);
            } else if (lit.kind() == Ast.LiteralKind.RELATIVE_DATE) {
                checkDateField(field, lit);
                values.add(lit.value());
            } else {
                values.add(convert(field, lit));
            }
        }
        return new Filters.InList(field, in.op() == Ast.ListOp.NOT_IN, java.util.Collections.unmodifiableList(values));
    }

    private Filters.Filter semiJoin(Scope scope, Ast.SemiJoin semi, boolean underOr) {
        FieldPath field = resolve(scope, semi.field());
        Token at = semi.operator();
        if (underOr) {
            throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                    "Semi join sub-selects are not allowed with the 'OR' operator at " + at.position());
        }
        if (!field.type().isId()) {
            throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR, "Semi join sub-selects are only"
                    + " allowed on an Id or reference field; '" + field.canonical() + "' is of type "
                    + typeName(field.type()) + " at " + semi.field().at().position());
        }
        Ast.Select sub = semi.subquery();
        if (sub.count() || sub.items().size() != 1) {
            throw new SoqlException(SoqlException.MALFORMED_QUERY,
                    "a semi join sub-select must select exactly one Id or reference field at "
                            + sub.selectToken().position());
        }
        if (!sub.orderBy().isEmpty() || sub.limit() != null || sub.offset() != null) {
            Token t = sub.limitToken() != null ? sub.limitToken()
                    : sub.offsetToken() != null ? sub.offsetToken() : sub.orderBy().get(0).path().at();
            throw new SoqlException(SoqlException.MALFORMED_QUERY,
                    "ORDER BY, LIMIT and OFFSET in a semi join sub-select are not supported by the Salesforce"
                            + " emulator at " + t.position());
        }
        SoqlSchema.ObjectInfo subObject = object(sub.from());
        if (subObject.name().equals(scope.object().name())) {
            throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                    "The inner and outer selects should not be on the same object type at " + sub.from().position());
        }
        Scope subScope = new Scope(subObject, sub.alias());
        FieldPath subField = resolve(subScope, sub.items().get(0));
        if (!subField.type().isId()) {
            throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR, "a semi join sub-select must"
                    + " select an Id or reference field; '" + subField.canonical() + "' is of type "
                    + typeName(subField.type()) + " at " + sub.items().get(0).at().position());
        }
        if (sub.where() != null && containsSemiJoin(sub.where())) {
            throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                    "Nesting of semi join sub-selects is not supported at " + sub.selectToken().position());
        }
        Filters.Filter subWhere = sub.where() == null ? null : condition(subScope, sub.where(), false);
        return new Filters.SemiJoin(field, semi.anti(), subObject.name(), subField, subWhere);
    }

    private static boolean containsSemiJoin(Ast.Condition c) {
        if (c instanceof Ast.SemiJoin) {
            return true;
        }
        if (c instanceof Ast.And and) {
            return and.operands().stream().anyMatch(QueryCompiler::containsSemiJoin);
        }
        if (c instanceof Ast.Or or) {
            return or.operands().stream().anyMatch(QueryCompiler::containsSemiJoin);
        }
        return c instanceof Ast.Not not && containsSemiJoin(not.operand());
    }

    // ---- literal checks ----

    /** Converts a non-null, non-relative literal to the field's Java value type, or fails as Salesforce does. */
    private static Object convert(FieldPath field, Ast.Literal lit) {
        SoqlType type = field.type();
        if (type.isId()) {
            if (lit.kind() != Ast.LiteralKind.STRING) {
                throw wrongType(field, lit);
            }
            String key = SoqlIds.key((String) lit.value());
            if (key == null) {
                throw new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR,
                        "invalid ID field: " + lit.value() + " at " + lit.at().position());
            }
            return key;
        }
        if (type.isText()) {
            if (lit.kind() != Ast.LiteralKind.STRING) {
                throw wrongType(field, lit);
            }
            return lit.value();
        }
        if (type.isNumeric()) {
            if (lit.kind() != Ast.LiteralKind.NUMBER) {
                throw wrongType(field, lit);
            }
            return (BigDecimal) lit.value();
        }
        Ast.LiteralKind expected = switch (type) {
            case BOOLEAN -> Ast.LiteralKind.BOOLEAN;
            case DATE -> Ast.LiteralKind.DATE;
            case DATETIME -> Ast.LiteralKind.DATETIME;
            default -> throw new IllegalStateException("unhandled type " + type);
        };
        if (lit.kind() != expected) {
            throw wrongType(field, lit);
        }
        return lit.value();
    }

    private static void checkDateField(FieldPath field, Ast.Literal lit) {
        if (field.type() != SoqlType.DATE && field.type() != SoqlType.DATETIME) {
            throw wrongType(field, lit);
        }
    }

    private static boolean isLikeable(SoqlType type) {
        return type.isText() && !type.isId() && type != SoqlType.MULTIPICKLIST;
    }

    private static SoqlException wrongType(FieldPath field, Ast.Literal lit) {
        boolean quoted = field.type().isText();
        return new SoqlException(SoqlException.INVALID_FIELD, "value of filter criterion for field '"
                + field.canonical() + "' must be of type " + typeName(field.type()) + " and should "
                + (quoted ? "" : "not ") + "be enclosed in quotes at " + lit.at().position());
    }

    private static SoqlException badOperator(String op, FieldPath field, Token at) {
        return new SoqlException(SoqlException.INVALID_QUERY_FILTER_OPERATOR, "invalid operator " + op
                + " on field '" + field.canonical() + "' of type " + typeName(field.type()) + " at " + at.position());
    }

    /** Type names as Salesforce spells them in error messages. */
    static String typeName(SoqlType type) {
        return switch (type) {
            case ID, REFERENCE -> "id";
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case DOUBLE, CURRENCY, PERCENT -> "double";
            case DATE -> "date";
            case DATETIME -> "dateTime";
            case MULTIPICKLIST -> "multipicklist";
            default -> "string";
        };
    }
}

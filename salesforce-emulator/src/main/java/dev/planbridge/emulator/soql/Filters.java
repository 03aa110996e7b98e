package dev.planbridge.emulator.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compiled WHERE conditions. A {@link Filter} is immutable and belongs to a cached query; {@link Filter#bind} turns it
 * into a {@link RowTest} for one execution, when "today" is known and semi-join subqueries have been evaluated once.
 */
final class Filters {

    private Filters() {
    }

    /** Per-execution state. */
    record Context(SoqlRowSource source, boolean includeDeleted, LocalDate today) {}

    interface Filter {
        RowTest bind(Context ctx);
    }

    interface RowTest {
        boolean test(Map<String, Object> row);
    }

    enum Op { EQ, NE, LT, LE, GT, GE }

    // ---- boolean structure ----

    record And(List<Filter> operands) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            RowTest[] tests = operands.stream().map(f -> f.bind(ctx)).toArray(RowTest[]::new);
            return row -> {
                for (RowTest t : tests) {
                    if (!t.test(row)) {
                        return false;
                    }
                }
                return true;
            };
        }
    }

    record Or(List<Filter> operands) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            RowTest[] tests = operands.stream().map(f -> f.bind(ctx)).toArray(RowTest[]::new);
            return row -> {
                for (RowTest t : tests) {
                    if (t.test(row)) {
                        return true;
                    }
                }
                return false;
            };
        }
    }

    record Not(Filter operand) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            RowTest inner = operand.bind(ctx);
            return row -> !inner.test(row);
        }
    }

    // ---- comparisons ----

    /**
     * field op value for a literal already converted to the field's Java type ({@code null} for "= null").
     * SOQL has two-valued logic: a null field satisfies != and NOT IN, and no ordering comparison.
     */
    record Compare(FieldPath field, Op op, Object literal) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            SoqlRowSource source = ctx.source();
            if (literal == null) {
                return op == Op.EQ ? row -> field.get(row, source) == null : row -> field.get(row, source) != null;
            }
            ValueMatcher m = matcher(field.type(), literal);
            return switch (op) {
                case EQ -> row -> {
                    Object v = field.get(row, source);
                    return v != null && m.eq(v);
                };
                case NE -> row -> {
                    Object v = field.get(row, source);
                    return v == null || !m.eq(v);
                };
                case LT -> row -> {
                    Object v = field.get(row, source);
                    return v != null && m.cmp(v) < 0;
                };
                case LE -> row -> {
                    Object v = field.get(row, source);
                    return v != null && m.cmp(v) <= 0;
                };
                case GT -> row -> {
                    Object v = field.get(row, source);
                    return v != null && m.cmp(v) > 0;
                };
                case GE -> row -> {
                    Object v = field.get(row, source);
                    return v != null && m.cmp(v) >= 0;
                };
            };
        }
    }

    /** field op RELATIVE_DATE on a DATE or DATETIME field: the literal is a range of days resolved at bind time. */
    record CompareRelative(FieldPath field, Op op, DateLiterals.Relative literal) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            DateLiterals.DayRange range = literal.range(ctx.today());
            RangeTest in = rangeTest(field.type(), range);
            SoqlRowSource source = ctx.source();
            return row -> {
                Object v = field.get(row, source);
                if (v == null) {
                    return op == Op.NE;
                }
                int position = in.position(v); // -1 before, 0 inside, 1 after
                return switch (op) {
                    case EQ -> position == 0;
                    case NE -> position != 0;
                    case LT -> position < 0;
                    case LE -> position <= 0;
                    case GT -> position > 0;
                    case GE -> position >= 0;
                };
            };
        }
    }

    record Like(FieldPath field, LikePattern pattern) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            SoqlRowSource source = ctx.source();
            return row -> {
                Object v = field.get(row, source);
                return v != null && pattern.matches(v.toString());
            };
        }
    }

    /**
     * field [NOT] IN (values): values already converted; relative date literals kept as such. A null in the list
     * matches a null field.
     */
    record InList(FieldPath field, boolean negated, List<Object> values) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            SoqlRowSource source = ctx.source();
            boolean matchesNull = values.contains(null);
            Predicate<Object> member = membership(ctx);
            return row -> {
                Object v = field.get(row, source);
                boolean in = v == null ? matchesNull : member.test(v);
                return negated != in;
            };
        }

        private Predicate<Object> membership(Context ctx) {
            SoqlType type = field.type();
            List<Object> nonNull = values.stream().filter(java.util.Objects::nonNull).toList();
            if (type.isId()) {
                Set<String> ids = new HashSet<>();
                nonNull.forEach(k -> ids.add(SoqlIds.to18((String) k)));
                return value -> SoqlIds.containsStored(ids, value.toString());
            }
            if (type.isText() && type != SoqlType.MULTIPICKLIST) {
                Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                nonNull.forEach(s -> set.add((String) s));
                return value -> set.contains(value.toString());
            }
            ValueMatcher[] matchers = nonNull.stream()
                    .map(lit -> lit instanceof DateLiterals.Relative r ? rangeMatcher(type, r.range(ctx.today()))
                            : matcher(type, lit))
                    .toArray(ValueMatcher[]::new);
            return v -> {
                for (ValueMatcher m : matchers) {
                    if (m.eq(v)) {
                        return true;
                    }
                }
                return false;
            };
        }
    }

    /**
     * INCLUDES / EXCLUDES on a multi-select picklist. Each list entry is a set of values ("a;b" means a AND b);
     * INCLUDES matches when any entry is contained in the field's values, EXCLUDES when none is. Case-insensitive.
     */
    record Includes(FieldPath field, boolean excludes, List<Set<String>> entries) implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            SoqlRowSource source = ctx.source();
            return row -> {
                Object v = field.get(row, source);
                Set<String> selected = v == null ? Set.of() : multiValues(v.toString());
                boolean any = false;
                for (Set<String> entry : entries) {
                    if (selected.containsAll(entry)) {
                        any = true;
                        break;
                    }
                }
                return excludes != any;
            };
        }
    }

    /** field [NOT] IN (SELECT idField FROM Other WHERE ...): the subquery runs once per execution, into a Set. */
    record SemiJoin(FieldPath field, boolean anti, String subObject, FieldPath subField, Filter subWhere)
            implements Filter {
        @Override
        public RowTest bind(Context ctx) {
            SoqlRowSource source = ctx.source();
            RowTest subTest = subWhere == null ? null : subWhere.bind(ctx);
            Set<String> ids = new HashSet<>();
            for (Map<String, Object> subRow : source.rows(subObject, ctx.includeDeleted())) {
                if (subTest == null || subTest.test(subRow)) {
                    Object id = subField.get(subRow, source);
                    String key = id == null ? null : SoqlIds.key(id.toString());
                    if (key != null) {
                        ids.add(SoqlIds.to18(key));
                    }
                }
            }
            return row -> {
                Object v = field.get(row, source);
                boolean in = v != null && SoqlIds.containsStored(ids, v.toString());
                return anti != in;
            };
        }
    }

    // ---- typed value matching ----

    /** Equality and ordering of a row value against one converted literal. */
    interface ValueMatcher {
        boolean eq(Object value);

        int cmp(Object value);
    }

    interface RangeTest {
        int position(Object value);
    }

    static ValueMatcher matcher(SoqlType type, Object literal) {
        if (type.isId()) {
            String key = (String) literal;
            return new ValueMatcher() {
                @Override
                public boolean eq(Object v) {
                    return SoqlIds.matches(v.toString(), key);
                }

                @Override
                public int cmp(Object v) {
                    return SoqlIds.storedKey(v.toString()).compareTo(key);
                }
            };
        }
        if (type == SoqlType.MULTIPICKLIST) {
            Set<String> expected = multiValues((String) literal);
            return new ValueMatcher() {
                @Override
                public boolean eq(Object v) {
                    return multiValues(v.toString()).equals(expected);
                }

                @Override
                public int cmp(Object v) {
                    throw new IllegalStateException("multi-select picklists are not ordered");
                }
            };
        }
        if (type.isText()) {
            String s = (String) literal;
            return new ValueMatcher() {
                @Override
                public boolean eq(Object v) {
                    return v.toString().equalsIgnoreCase(s);
                }

                @Override
                public int cmp(Object v) {
                    return String.CASE_INSENSITIVE_ORDER.compare(v.toString(), s);
                }
            };
        }
        if (type.isNumeric()) {
            BigDecimal n = (BigDecimal) literal;
            Long asLong = longValueOrNull(n);
            return new ValueMatcher() {
                @Override
                public boolean eq(Object v) {
                    return cmp(v) == 0;
                }

                @Override
                public int cmp(Object v) {
                    if (asLong != null && (v instanceof Integer || v instanceof Long)) {
                        return Long.compare(((Number) v).longValue(), asLong);
                    }
                    return toBigDecimal(v).compareTo(n);
                }
            };
        }
        if (type == SoqlType.BOOLEAN) {
            Boolean b = (Boolean) literal;
            return new ValueMatcher() {
                @Override
                public boolean eq(Object v) {
                    return b.equals(v);
                }

                @Override
                public int cmp(Object v) {
                    return Boolean.compare((Boolean) v, b);
                }
            };
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) literal; // LocalDate or Instant
        return new ValueMatcher() {
            @Override
            public boolean eq(Object v) {
                return c.compareTo(v) == 0;
            }

            @Override
            public int cmp(Object v) {
                return -c.compareTo(v);
            }
        };
    }

    static RangeTest rangeTest(SoqlType type, DateLiterals.DayRange range) {
        if (type == SoqlType.DATETIME) {
            Instant start = range.start().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = range.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant();
            return v -> {
                Instant i = (Instant) v;
                return i.isBefore(start) ? -1 : i.isBefore(end) ? 0 : 1;
            };
        }
        LocalDate start = range.start();
        LocalDate end = range.endExclusive();
        return v -> {
            LocalDate d = (LocalDate) v;
            return d.isBefore(start) ? -1 : d.isBefore(end) ? 0 : 1;
        };
    }

    private static ValueMatcher rangeMatcher(SoqlType type, DateLiterals.DayRange range) {
        RangeTest test = rangeTest(type, range);
        return new ValueMatcher() {
            @Override
            public boolean eq(Object v) {
                return test.position(v) == 0;
            }

            @Override
            public int cmp(Object v) {
                return test.position(v);
            }
        };
    }

    static Set<String> multiValues(String value) {
        Set<String> set = new HashSet<>();
        for (String part : value.split(";")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                set.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return set;
    }

    static BigDecimal toBigDecimal(Object v) {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new IllegalStateException("expected a number but the org holds " + v.getClass().getSimpleName());
    }

    private static Long longValueOrNull(BigDecimal n) {
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}

package dev.planbridge.planning.assignment;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.crm.AccountFieldCatalog.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule's criteria prepared for evaluation: fields resolved to readers, values parsed and lower-cased once, the
 * filter parsed once. Matching 100k accounts against hundreds of rules then costs no parsing and no name lookups.
 * Text compares case-insensitively and trimmed; numbers compare by value.
 */
public final class CompiledCriteria {

    private final RuleCriteria source;
    private final CompiledItem[] items;
    private final BooleanFilter.Node filter;

    private CompiledCriteria(RuleCriteria source, CompiledItem[] items, BooleanFilter.Node filter) {
        this.source = source;
        this.items = items;
        this.filter = filter;
    }

    /**
     * @throws IllegalArgumentException when the criteria do not fit the catalog (a rule saved before its field was
     *                                  removed); the caller reports the rule as broken
     */
    public static CompiledCriteria compile(RuleCriteria criteria, AccountFieldCatalog catalog) {
        List<RuleCriteria.RuleProblem> problems = criteria.problems(catalog);
        if (!problems.isEmpty()) {
            RuleCriteria.RuleProblem first = problems.get(0);
            throw new IllegalArgumentException(first.path() + ": " + first.reason());
        }
        CompiledItem[] items = new CompiledItem[criteria.items().size()];
        for (int i = 0; i < items.length; i++) {
            RuleItem item = criteria.items().get(i);
            FieldType type = catalog.find(item.field()).orElseThrow().type();
            RuleOperator operator = RuleOperator.of(item.operation()).orElseThrow();
            items[i] = new CompiledItem(item, AccountFacts.reader(item.field()).orElseThrow(), type, operator,
                    values(operator, item.value()));
        }
        BooleanFilter.Node filter = criteria.booleanFilter() == null ? null
                : BooleanFilter.parse(criteria.booleanFilter(), items.length);
        return new CompiledCriteria(criteria, items, filter);
    }

    RuleCriteria source() {
        return source;
    }

    public boolean matches(AccountFacts account) {
        if (filter == null) {
            for (CompiledItem item : items) {
                if (!item.test(account)) {
                    return false;
                }
            }
            return true;
        }
        boolean[] results = new boolean[items.length];
        for (int i = 0; i < items.length; i++) {
            results[i] = items[i].test(account);
        }
        return filter.test(results);
    }

    /** Each item's outcome for {@code account}, e.g. {@code 2 BillingState within CA;WA: yes (is 'CA')}. */
    String describe(AccountFacts account) {
        if (items.length == 0) {
            return "no items, matches every account";
        }
        List<String> parts = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            CompiledItem item = items[i];
            Object actual = item.reader.apply(account);
            parts.add((i + 1) + " " + item.item.field() + " " + item.operator.apiName() + " "
                    + (item.item.value() == null ? "(empty)" : item.item.value()) + ": "
                    + (item.test(account) ? "yes" : "no") + " (is " + (actual == null ? "empty" : "'" + actual + "'")
                    + ")");
        }
        String joined = String.join("; ", parts);
        return source.booleanFilter() == null ? joined : joined + "; filter " + source.booleanFilter();
    }

    static List<String> values(RuleOperator operator, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        if (!operator.takesList()) {
            return List.of(value.trim());
        }
        return Arrays.stream(value.split(";")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class CompiledItem {
        private final RuleItem item;
        private final Function<AccountFacts, Object> reader;
        private final RuleOperator operator;
        private final boolean numeric;
        private final boolean multiSelect;
        private final String[] texts;
        private final BigDecimal[] numbers;

        CompiledItem(RuleItem item, Function<AccountFacts, Object> reader, FieldType type, RuleOperator operator,
                     List<String> values) {
            this.item = item;
            this.reader = reader;
            this.operator = operator;
            this.numeric = type.numeric();
            this.multiSelect = type == FieldType.MULTIPICKLIST;
            this.texts = values.stream().map(CompiledCriteria::lower).toArray(String[]::new);
            this.numbers = numeric ? values.stream().map(CompiledCriteria::number).toArray(BigDecimal[]::new) : null;
        }

        boolean test(AccountFacts account) {
            Object raw = reader.apply(account);
            String text = raw == null ? null : lower(raw.toString());
            if (text == null || text.isEmpty()) {
                if (texts.length == 0) {
                    return operator == RuleOperator.EQUALS;
                }
                return operator.holdsForEmptyField();
            }
            if (texts.length == 0) {
                return operator == RuleOperator.NOT_EQUAL;
            }
            if (multiSelect) {
                return multiSelect(text);
            }
            return numeric ? numeric(raw) : text(text);
        }

        private boolean multiSelect(String text) {
            Set<String> selected = new HashSet<>(Arrays.asList(text.split("\\s*;\\s*")));
            boolean any = Arrays.stream(texts).anyMatch(selected::contains);
            return switch (operator) {
                case INCLUDES -> any;
                case EXCLUDES -> !any;
                case EQUALS -> selected.equals(Set.of(texts));
                case NOT_EQUAL -> !selected.equals(Set.of(texts));
                default -> false;
            };
        }

        private boolean numeric(Object raw) {
            BigDecimal value = raw instanceof BigDecimal d ? d
                    : raw instanceof Number n ? BigDecimal.valueOf(n.longValue()) : number(raw.toString());
            if (value == null) {
                return operator.holdsForEmptyField();
            }
            return switch (operator) {
                case EQUALS -> value.compareTo(numbers[0]) == 0;
                case NOT_EQUAL -> value.compareTo(numbers[0]) != 0;
                case LESS_THAN -> value.compareTo(numbers[0]) < 0;
                case GREATER_THAN -> value.compareTo(numbers[0]) > 0;
                case LESS_OR_EQUAL -> value.compareTo(numbers[0]) <= 0;
                case GREATER_OR_EQUAL -> value.compareTo(numbers[0]) >= 0;
                case WITHIN -> Arrays.stream(numbers).anyMatch(n -> value.compareTo(n) == 0);
                default -> false;
            };
        }

        private boolean text(String value) {
            switch (operator) {
                case EQUALS: return value.equals(texts[0]);
                case NOT_EQUAL: return !value.equals(texts[0]);
                case LESS_THAN: return value.compareTo(texts[0]) < 0;
                case GREATER_THAN: return value.compareTo(texts[0]) > 0;
                case LESS_OR_EQUAL: return value.compareTo(texts[0]) <= 0;
                case GREATER_OR_EQUAL: return value.compareTo(texts[0]) >= 0;
                default: break;
            }
            for (String candidate : texts) {
                boolean hit = switch (operator) {
                    case WITHIN -> value.equals(candidate);
                    case CONTAINS, NOT_CONTAIN -> value.contains(candidate);
                    case STARTS_WITH -> value.startsWith(candidate);
                    default -> false;
                };
                if (hit) {
                    return operator != RuleOperator.NOT_CONTAIN;
                }
            }
            return operator == RuleOperator.NOT_CONTAIN;
        }
    }

    static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}

package dev.planbridge.planning.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.crm.AccountFieldCatalog.AccountField;
import dev.planbridge.planning.crm.AccountFieldCatalog.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an account must look like for a rule to match, the shape of Salesforce's
 * {@code ObjectTerritory2AssignmentRule}: ordered {@code items} and an optional {@code booleanFilter} over their
 * numbers. Without a filter every item must hold (AND); without items the rule matches every account (a catch-all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleCriteria(List<RuleItem> items, String booleanFilter) {

    public RuleCriteria {
        items = items == null ? List.of() : List.copyOf(items);
        booleanFilter = booleanFilter == null || booleanFilter.isBlank() ? null : booleanFilter.trim();
    }

    public static RuleCriteria allOf(RuleItem... items) {
        return new RuleCriteria(List.of(items), null);
    }

    /**
     * One thing wrong with a rule.
     *
     * @param item      the 1-based item number, or null for the rule's filter
     * @param attribute {@code field}, {@code operation}, {@code value} or {@code booleanFilter}
     */
    public record RuleProblem(Integer item, String attribute, String reason) {
        /** The JSON path of the offending attribute, e.g. {@code items[2].value}. */
        public String path() {
            return item == null ? attribute : "items[" + item + "]." + attribute;
        }
    }

    /** Everything that keeps the rule from being evaluated against {@code catalog}; empty when it is fine. */
    public List<RuleProblem> problems(AccountFieldCatalog catalog) {
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            itemProblems(i + 1, items.get(i), catalog, problems);
        }
        if (booleanFilter != null) {
            if (items.isEmpty()) {
                problems.add(new RuleProblem(null, "booleanFilter", "a filter needs items to combine"));
            } else {
                try {
                    BooleanFilter.parse(booleanFilter, items.size());
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(null, "booleanFilter", "'" + booleanFilter + "': " + e.getMessage()));
                }
            }
        }
        return problems;
    }

    private static void itemProblems(int number, RuleItem item, AccountFieldCatalog catalog,
                                     List<RuleProblem> problems) {
        if (item == null) {
            problems.add(new RuleProblem(number, "field", "the item is empty"));
            return;
        }
        if (item.field() == null || item.field().isBlank()) {
            problems.add(new RuleProblem(number, "field", "required"));
            return;
        }
        Optional<AccountField> field = catalog.find(item.field());
        if (field.isEmpty() || AccountFacts.reader(item.field()).isEmpty()) {
            problems.add(new RuleProblem(number, "field", "unknown Account field '" + item.field()
                    + "'; known fields: " + String.join(", ", catalog.names())));
            return;
        }
        FieldType type = field.get().type();
        Optional<RuleOperator> operator = RuleOperator.of(item.operation());
        String valid = RuleOperator.validFor(type).stream().map(RuleOperator::apiName)
                .collect(Collectors.joining(", "));
        if (operator.isEmpty()) {
            problems.add(new RuleProblem(number, "operation", "unknown operation '" + item.operation()
                    + "'; " + field.get().name() + " accepts: " + valid));
            return;
        }
        if (!operator.get().appliesTo(type)) {
            problems.add(new RuleProblem(number, "operation", "'" + operator.get().apiName() + "' does not apply to "
                    + field.get().name() + " (" + type.name().toLowerCase() + "); it accepts: " + valid));
            return;
        }
        valueProblem(field.get(), operator.get(), item.value())
                .ifPresent(reason -> problems.add(new RuleProblem(number, "value", reason)));
    }

    private static Optional<String> valueProblem(AccountField field, RuleOperator operator, String value) {
        List<String> values = CompiledCriteria.values(operator, value);
        if (values.isEmpty()) {
            return operator.acceptsEmptyValue() ? Optional.empty()
                    : Optional.of("'" + operator.apiName() + "' needs a value");
        }
        for (String each : values) {
            if (field.type().numeric() && CompiledCriteria.number(each) == null) {
                return Optional.of("'" + each + "' is not a number (" + field.name() + " is "
                        + field.type().name().toLowerCase() + ")");
            }
            if (field.restricted() && operator.comparesWholeValues() && !field.inPicklist(each)) {
                return Optional.of("'" + each + "' is not a value of " + field.name() + "; accepted: "
                        + String.join(", ", field.picklistValues()));
            }
        }
        return Optional.empty();
    }
}

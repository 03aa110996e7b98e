package dev.planbridge.planning.assignment;

import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.PlanReferences;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code rules} CSV, one row per rule item as Salesforce stores {@code ObjectTerritory2AssignmentRuleItem}:
 * {@code name,position,territoryKey,field,operation,value,booleanFilter}. The rows of one rule share its name, are
 * numbered 1, 2, … in file order (the numbers the boolean filter uses), and must agree on position, territory and
 * filter. A rule whose only row leaves {@code field} empty has no items and matches every account. Upserted by name;
 * the whole file is refused, with row and column, when any row is wrong.
 */
@ApplicationScoped
public class RuleCsv implements CsvKind {

    private final PlanReferences references;

    public RuleCsv(PlanReferences references) {
        this.references = references;
    }

    @Override
    public String path() {
        return "rules";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("name", "position", "territoryKey");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("field", "operation", "value", "booleanFilter");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<Object[]> rules = check(rows, references.territoryKeys(file.planId()), AccountFieldCatalog.standard(),
                file.errors());
        file.errors().throwIfAny();
        file.upsert("name text, position int, territory_key text, criteria text",
                "INSERT INTO assignment_rule (plan_id, name, position, territory_key, criteria) "
                        + "SELECT ?, name, position, territory_key, criteria FROM stage "
                        + "ON CONFLICT (plan_id, name) DO UPDATE SET position = EXCLUDED.position, "
                        + "territory_key = EXCLUDED.territory_key, criteria = EXCLUDED.criteria",
                rules);
        return Imported.rebuild(rows.size());
    }

    /** One row per item in item order; the filter is written on the rule's first row. */
    @Override
    public String exportQuery() {
        return """
                SELECT r.name, r.position, r.territory_key AS "territoryKey", i.item ->> 'field' AS field,
                       i.item ->> 'operation' AS operation, i.item ->> 'value' AS value,
                       CASE WHEN coalesce(i.n, 1) = 1 THEN r.criteria::jsonb ->> 'booleanFilter' END AS "booleanFilter"
                FROM assignment_rule r
                LEFT JOIN LATERAL jsonb_array_elements(r.criteria::jsonb -> 'items') WITH ORDINALITY AS i(item, n)
                       ON true
                WHERE r.plan_id = ? ORDER BY r.position, r.id, i.n""";
    }

    /** The rows of one rule, gathered in file order. */
    private static final class RuleRows {
        final String name;
        final long firstRow;
        Integer position;
        String territory;
        String filter;
        final List<RuleItem> items = new ArrayList<>();
        final List<Long> itemRows = new ArrayList<>();

        RuleRows(String name, long firstRow) {
            this.name = name;
            this.firstRow = firstRow;
        }
    }

    /**
     * Every rule of the file and in {@code errors} what is wrong: rows of one rule that disagree, a negative
     * position, an unknown territory, an item the catalog refuses (named on the item's row), a filter that does not
     * parse or names a missing item (named on the rule's first row).
     *
     * @param territories the plan's territory keys
     * @return name, position, territory and the criteria as stored (JSON) of each rule
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, Set<String> territories, AccountFieldCatalog catalog,
                                RowErrors errors) {
        Map<String, RuleRows> byName = new LinkedHashMap<>();
        for (CsvUpload.Row row : rows) {
            String name = Cells.required(row, "name", errors);
            Integer position = Cells.integer(row, "position", errors, true);
            String territory = Cells.required(row, "territoryKey", errors);
            if (name == null) {
                continue;
            }
            RuleRows rule = byName.get(name);
            if (rule == null) {
                rule = new RuleRows(name, row.number());
                rule.position = position;
                rule.territory = territory;
                rule.filter = row.get("booleanFilter");
                byName.put(name, rule);
                checkRuleCells(row, position, territory, territories, errors);
            } else {
                agree(row, "position", rule.position, position, errors);
                agree(row, "territoryKey", rule.territory, territory, errors);
                String filter = row.get("booleanFilter");
                if (filter != null && rule.filter == null) {
                    rule.filter = filter;
                } else {
                    agree(row, "booleanFilter", rule.filter, filter == null ? rule.filter : filter, errors);
                }
            }
            addItem(row, rule, errors);
        }
        List<Object[]> rules = new ArrayList<>(byName.size());
        for (RuleRows rule : byName.values()) {
            RuleCriteria criteria = new RuleCriteria(rule.items, rule.filter);
            for (RuleCriteria.RuleProblem problem : criteria.problems(catalog)) {
                long row = problem.item() == null ? rule.firstRow : rule.itemRows.get(problem.item() - 1);
                errors.add(row, problem.attribute(), problem.reason());
            }
            rules.add(new Object[] {rule.name, rule.position, rule.territory, PlanAssignmentData.writeCriteria(criteria)});
        }
        errors.sortByRow();
        return rules;
    }

    private static void checkRuleCells(CsvUpload.Row row, Integer position, String territory, Set<String> territories,
                                       RowErrors errors) {
        if (position != null && position < 0) {
            errors.add(row.number(), "position", "must not be negative");
        }
        if (territory != null && !territories.contains(territory)) {
            errors.add(row.number(), "territoryKey", "unknown territory '" + territory + "'");
        }
    }

    /** A row without a field declares an item-less (catch-all) rule; it cannot share the rule with item rows. */
    private static void addItem(CsvUpload.Row row, RuleRows rule, RowErrors errors) {
        String field = row.get("field");
        if (field == null) {
            if (row.get("operation") != null || row.get("value") != null) {
                errors.add(row.number(), "field", "is required when operation or value is given");
            } else if (!rule.items.isEmpty() || rule.firstRow != row.number()) {
                errors.add(row.number(), "field", "rule '" + rule.name + "' has items; every row of it needs a field");
            }
            return;
        }
        if (rule.items.isEmpty() && rule.firstRow != row.number() && rule.itemRows.isEmpty()) {
            errors.add(row.number(), "field", "rule '" + rule.name + "' began with a row without a field (a "
                    + "catch-all); give every row of it a field");
            return;
        }
        rule.items.add(new RuleItem(field, row.get("operation"), row.get("value")));
        rule.itemRows.add(row.number());
    }

    private static <T> void agree(CsvUpload.Row row, String column, T first, T here, RowErrors errors) {
        if (!Objects.equals(first, here)) {
            errors.add(row.number(), column, "differs from the rule's first row ('" + first + "' there, '" + here
                    + "' here); the rows of one rule must agree");
        }
    }
}

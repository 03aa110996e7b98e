package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCsvTest {

    private static final RuleCsv KIND = new RuleCsv(null);

    @Test
    void shouldStoreListsRangesPrefixesAndBandsAsCriteria() {
        RowErrors errors = new RowErrors("r.csv", 100);

        List<Object[]> rules = RuleCsv.check(CsvRows.of(KIND, "name,position,territoryKey,countries,postalCodes,employeesMin\n"
                + "South,1,T1,DE; AT ,80000-89999;SW1,50\n"), Set.of("T1"), errors);

        assertEquals(List.of(), errors.listed());
        Object[] rule = rules.get(0);
        assertEquals(List.of("South", 1, "T1"), List.of(rule[0], rule[1], rule[2]));
        RuleCriteria criteria = PlanAssignmentData.parseCriteria((String) rule[3]);
        assertEquals(List.of("DE", "AT"), criteria.countries());
        assertEquals(List.of(new RuleCriteria.PostalRange("80000", "89999"), new RuleCriteria.PostalRange("SW1", null)),
                criteria.postalCodes());
        assertEquals(new RuleCriteria.Band(new BigDecimal("50"), null), criteria.employees());
    }

    @Test
    void shouldNameRepeatsUnknownTerritoriesAndRulesThatCouldNeverMatch() {
        RowErrors errors = new RowErrors("r.csv", 100);

        RuleCsv.check(CsvRows.of(KIND, "name,position,territoryKey,revenueMin,revenueMax,countries\n"
                + "A,1,T1,,,DE\nA,-2,T9,,,\nB,3,T1,500,100,;\n"), Set.of("T1"), errors);

        assertEquals(List.of("3:name:duplicate rule name 'A' in this file", "3:position:must not be negative",
                "3:territoryKey:unknown territory 'T9'",
                "4:countries:an empty list matches nothing; leave the criterion out instead",
                "4:revenue:band min 500 is above max 100"), CsvRows.described(errors));
    }
}

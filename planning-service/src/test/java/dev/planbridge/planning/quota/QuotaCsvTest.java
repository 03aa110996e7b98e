package dev.planbridge.planning.quota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.csv.CsvRows;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.FiscalCalendar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaCsvTest {

    private static final QuotaCsv KIND = new QuotaCsv(null);
    private static final FiscalCalendar CALENDAR = FiscalCalendar.of(2026, 2);
    private static final String HEADER = "userId,territoryKey,periodStart,periodType,amount,quantity,forecastingType\n";

    @Test
    void shouldStoreThePeriodTypesNameAndDefaultTheForecastingType() {
        RowErrors errors = new RowErrors("q.csv", 100);

        List<Object[]> quotas = QuotaCsv.check(CsvRows.of(KIND, HEADER + "005A,T1,2026-05-01,quarter,1000,,\n"),
                CALENDAR, Set.of("T1"), Set.of("005A"), errors);

        assertEquals(List.of(), errors.listed());
        assertArrayEquals(new Object[] {"005A", "T1", LocalDate.of(2026, 5, 1), "Quarter", new BigDecimal("1000"), null,
                "OpportunityRevenue", null, null}, quotas.get(0));
    }

    @Test
    void shouldApplyTheApisQuotaRulesAndNameRepeatsOfOneKey() {
        RowErrors errors = new RowErrors("q.csv", 100);

        QuotaCsv.check(CsvRows.of(KIND, HEADER + ",,2026-03-01,Quarter,,,\n"
                + "005A,,2026-02-01,Year,10,,\n005A,,2026-02-01,year,20,,OpportunityRevenue\n"
                + "005A,,2026-02-01,Year,5,,OpportunityQuantity\n"), CALENDAR, Set.of(), Set.of("005A"), errors);

        assertEquals(List.of("2:userId:a quota needs a userId, a territoryKey or both",
                "2:amount:a quota needs an amount, a quantity or both",
                "2:periodStart:2026-03-01 is not the first day of a fiscal quarter",
                "4:periodStart:duplicate of row 3"), CsvRows.described(errors));
    }
}

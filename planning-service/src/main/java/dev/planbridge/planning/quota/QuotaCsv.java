package dev.planbridge.planning.quota;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.csv.Cells;
import dev.planbridge.planning.csv.CsvImport;
import dev.planbridge.planning.csv.CsvKind;
import dev.planbridge.planning.csv.CsvUpload;
import dev.planbridge.planning.csv.RowErrors;
import dev.planbridge.planning.plan.FiscalCalendar;
import dev.planbridge.planning.plan.PeriodType;
import dev.planbridge.planning.plan.PlanReferences;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code quotas} CSV: {@code periodStart,periodType} and a user, a territory or both, with amount, quantity,
 * forecasting type and ramp; upserted by user, territory, period and forecasting type. Each row passes the same
 * rules as a quota sent to the API ({@link QuotaService#problems}).
 */
@ApplicationScoped
public class QuotaCsv implements CsvKind {

    /** The forecasting type of a row that names none, as in Salesforce. */
    static final String DEFAULT_FORECASTING_TYPE = "OpportunityRevenue";

    private final PlanReferences references;

    public QuotaCsv(PlanReferences references) {
        this.references = references;
    }

    @Override
    public String path() {
        return "quotas";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("periodStart", "periodType");
    }

    @Override
    public Set<String> optionalColumns() {
        return Set.of("userId", "territoryKey", "amount", "quantity", "forecastingType", "rampProfile", "rampStart");
    }

    @Override
    public Imported importFile(CsvImport file) throws SQLException, IOException {
        List<CsvUpload.Row> rows = file.rows();
        List<Object[]> quotas = check(rows, file.plan().calendar(), references.territoryKeys(file.planId()),
                references.userIds(), file.errors());
        file.errors().throwIfAny();
        file.upsert("user_id text, territory_key text, period_start date, period_type text, amount numeric, "
                        + "quantity numeric, forecasting_type text, ramp_profile text, ramp_start date",
                "INSERT INTO quota (plan_id, user_id, territory_key, period_start, period_type, amount, quantity, "
                        + "forecasting_type, ramp_profile, ramp_start) SELECT ?, user_id, territory_key, period_start, "
                        + "period_type, amount, quantity, forecasting_type, ramp_profile, ramp_start FROM stage "
                        + "ON CONFLICT (plan_id, COALESCE(user_id, ''), COALESCE(territory_key, ''), period_start, "
                        + "period_type, forecasting_type) DO UPDATE SET amount = EXCLUDED.amount, "
                        + "quantity = EXCLUDED.quantity, ramp_profile = EXCLUDED.ramp_profile, ramp_start = EXCLUDED.ramp_start",
                quotas);
        return Imported.rebuild(rows.size());
    }

    @Override
    public String exportQuery() {
        return "SELECT user_id AS \"userId\", territory_key AS \"territoryKey\", period_start AS \"periodStart\", "
                + "period_type AS \"periodType\", amount, quantity, forecasting_type AS \"forecastingType\", "
                + "ramp_profile AS \"rampProfile\", ramp_start AS \"rampStart\" FROM quota WHERE plan_id = ? "
                + "ORDER BY period_start, id";
    }

    /**
     * Every row's cells, and in {@code errors} what is wrong: the API's quota rules, and no two rows for the same
     * user, territory, period and forecasting type.
     *
     * @param territories the plan's territory keys
     * @param users       the active users of the CRM mirror
     * @return user, territory, period start and type, amount, quantity, forecasting type, ramp profile and start
     */
    static List<Object[]> check(List<CsvUpload.Row> rows, FiscalCalendar calendar, Set<String> territories,
                                Set<String> users, RowErrors errors) {
        Map<String, Long> rowOf = new HashMap<>();
        List<Object[]> quotas = new ArrayList<>(rows.size());
        for (CsvUpload.Row row : rows) {
            LocalDate start = Cells.date(row, "periodStart", errors, true);
            BigDecimal amount = Cells.decimal(row, "amount", errors);
            BigDecimal quantity = Cells.decimal(row, "quantity", errors);
            LocalDate rampStart = Cells.date(row, "rampStart", errors, false);
            String forecastingType = row.get("forecastingType") == null ? DEFAULT_FORECASTING_TYPE
                    : row.get("forecastingType");
            QuotaRequests.Quota quota = new QuotaRequests.Quota(row.get("userId"), row.get("territoryKey"), start,
                    row.get("periodType"), amount, quantity, forecastingType, row.get("rampProfile"), rampStart);
            if (start != null) {
                for (FieldError e : QuotaService.problems(quota, calendar, territories::contains, users::contains)) {
                    errors.add(row.number(), e.field(), e.reason());
                }
            }
            String type = periodType(row.get("periodType"));
            String key = quota.userId() + "/" + quota.territoryKey() + "/" + start + "/" + type + "/" + forecastingType;
            if (rowOf.putIfAbsent(key, row.number()) != null) {
                errors.add(row.number(), "periodStart", "duplicate of row " + rowOf.get(key));
            }
            quotas.add(new Object[] {quota.userId(), quota.territoryKey(), start, type, amount, quantity,
                    forecastingType, quota.rampProfile(), rampStart});
        }
        return quotas;
    }

    /** The stored name of a period type, or null when the cell is not one (QuotaService.problems reports that). */
    private static String periodType(String cell) {
        try {
            return PeriodType.parse(cell).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

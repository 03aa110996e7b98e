package dev.planbridge.emulator.org;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fields a real org computes from other fields of the same record, recomputed on every write (formula-like standard
 * fields) or on every read (compound address fields, which are views of their parts and cost no storage).
 * Follows the Object Reference: Opportunity.ExpectedRevenue = Amount x Probability / 100; ForecastCategoryName
 * defaults from the stage and ForecastCategory mirrors it; FiscalYear/FiscalQuarter/Fiscal come from CloseDate
 * (calendar fiscal year); Contact.Name is "FirstName LastName".
 */
final class ComputedFields {

    private ComputedFields() {
    }

    /** Recomputes the write-time computed fields of the object in place. */
    static void apply(ObjectDef object, Object[] values) {
        switch (object.name()) {
            case OrgSchema.OPPORTUNITY -> opportunity(object, values);
            case OrgSchema.CONTACT -> set(object, values, "Name",
                    fullName(get(object, values, "FirstName"), get(object, values, "LastName")));
            default -> {
            }
        }
    }

    static String fullName(Object first, Object last) {
        return first == null ? (String) last : last == null ? (String) first : first + " " + last;
    }

    private static void opportunity(ObjectDef object, Object[] values) {
        BigDecimal amount = (BigDecimal) get(object, values, "Amount");
        BigDecimal probability = (BigDecimal) get(object, values, "Probability");
        set(object, values, "ExpectedRevenue", amount == null || probability == null ? null
                : amount.multiply(probability).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
        String stage = (String) get(object, values, "StageName");
        if (get(object, values, "ForecastCategoryName") == null && stage != null) {
            set(object, values, "ForecastCategoryName", switch (stage) {
                case "Closed Won" -> "Closed";
                case "Closed Lost" -> "Omitted";
                case "Negotiation/Review", "Proposal/Price Quote" -> "Commit";
                case "Id. Decision Makers", "Perception Analysis", "Value Proposition" -> "Best Case";
                default -> "Pipeline";
            });
        }
        Object category = get(object, values, "ForecastCategoryName");
        set(object, values, "ForecastCategory", category == null ? null : switch ((String) category) {
            case "Best Case" -> "BestCase";
            case "Commit" -> "Forecast";
            default -> category;
        });
        LocalDate close = (LocalDate) get(object, values, "CloseDate");
        set(object, values, "FiscalYear", close == null ? null : close.getYear());
        set(object, values, "FiscalQuarter", close == null ? null : (close.getMonthValue() + 2) / 3);
        set(object, values, "Fiscal", close == null ? null : close.getYear() + " " + (close.getMonthValue() + 2) / 3);
    }

    /**
     * The compound address (street, city, state, postalCode, country, latitude, longitude, geocodeAccuracy) built from
     * its parts; null when every part is empty, as a real org returns.
     */
    static Map<String, Object> compound(ObjectDef object, Object[] values, FieldDef compound) {
        Map<String, Object> parts = new LinkedHashMap<>();
        String prefix = compound.name().substring(0, compound.name().length() - "Address".length());
        boolean any = false;
        for (int i = 0; i < object.fieldCount() && i < values.length; i++) {
            FieldDef part = object.fieldAt(i);
            if (compound.name().equals(part.compoundFieldName()) && part.name().startsWith(prefix)) {
                String key = part.name().substring(prefix.length());
                parts.put(key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1), values[i]);
                any |= values[i] != null;
            }
        }
        return any ? Collections.unmodifiableMap(parts) : null;
    }

    private static Object get(ObjectDef object, Object[] values, String field) {
        int index = object.indexOf(field);
        return index < 0 || index >= values.length ? null : values[index];
    }

    private static void set(ObjectDef object, Object[] values, String field, Object value) {
        int index = object.indexOf(field);
        if (index >= 0 && index < values.length) {
            values[index] = value;
        }
    }
}

package dev.planbridge.planning.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Account fields rules, metrics and health checks may read, with their Salesforce type and picklist values. The
 * standard catalog lists the mirror's typed columns; {@link #merge} lays the org's describe over it, so a field that
 * arrives later (custom fields from {@code crm.schema.changes}) becomes usable without touching the rule engine.
 * Names are matched case-insensitively, as Salesforce does, and reported in their describe spelling.
 */
public final class AccountFieldCatalog {

    /** The describe types the rule language distinguishes. */
    public enum FieldType {
        STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, REFERENCE, BOOLEAN, INTEGER, DOUBLE, CURRENCY, PERCENT;

        public boolean numeric() {
            return this == INTEGER || this == DOUBLE || this == CURRENCY || this == PERCENT;
        }
    }

    /**
     * One field.
     *
     * @param picklistValues the active values of a (multi-)picklist, empty otherwise
     * @param restricted     whether the org refuses values outside the picklist (rule values are then checked)
     */
    public record AccountField(String name, String label, FieldType type, List<String> picklistValues,
                               boolean restricted) {

        public AccountField {
            picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
        }

        public static AccountField of(String name, String label, FieldType type) {
            return new AccountField(name, label, type, List.of(), false);
        }

        public boolean inPicklist(String value) {
            return picklistValues.stream().anyMatch(v -> v.equalsIgnoreCase(value.trim()));
        }
    }

    private static final AccountFieldCatalog STANDARD = new AccountFieldCatalog(List.of(
            AccountField.of("Name", "Account Name", FieldType.STRING),
            AccountField.of("BillingCountry", "Billing Country", FieldType.STRING),
            AccountField.of("BillingState", "Billing State/Province", FieldType.STRING),
            AccountField.of("BillingPostalCode", "Billing Zip/Postal Code", FieldType.STRING),
            new AccountField("Industry", "Industry", FieldType.PICKLIST, List.of("Agriculture", "Apparel", "Banking",
                    "Biotechnology", "Chemicals", "Communications", "Construction", "Consulting", "Education",
                    "Electronics", "Energy", "Engineering", "Entertainment", "Environmental", "Finance",
                    "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance", "Machinery",
                    "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail", "Shipping", "Technology",
                    "Telecommunications", "Transportation", "Utilities", "Other"), false),
            AccountField.of("NumberOfEmployees", "Employees", FieldType.INTEGER),
            AccountField.of("AnnualRevenue", "Annual Revenue", FieldType.CURRENCY),
            new AccountField("Segment__c", "Segment", FieldType.PICKLIST, List.of("SMB", "MidMarket", "Enterprise"),
                    true),
            AccountField.of("ParentId", "Parent Account ID", FieldType.REFERENCE)));

    private final Map<String, AccountField> byName;

    private AccountFieldCatalog(Collection<AccountField> fields) {
        Map<String, AccountField> map = new LinkedHashMap<>();
        for (AccountField field : fields) {
            map.put(key(field.name()), field);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The fields the CRM mirror stores in typed columns. */
    public static AccountFieldCatalog standard() {
        return STANDARD;
    }

    /** This catalog with {@code described} added; a described field replaces the standard one of the same name. */
    public AccountFieldCatalog merge(Collection<AccountField> described) {
        List<AccountField> fields = new ArrayList<>(byName.values());
        fields.addAll(described);
        return new AccountFieldCatalog(fields);
    }

    public Optional<AccountField> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    public List<AccountField> fields() {
        return List.copyOf(byName.values());
    }

    /** The field names, for "accepted values" in error messages. */
    public List<String> names() {
        return byName.values().stream().map(AccountField::name).toList();
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}

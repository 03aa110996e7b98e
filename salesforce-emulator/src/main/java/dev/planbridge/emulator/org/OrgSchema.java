package dev.planbridge.emulator.org;

import dev.planbridge.emulator.soql.SoqlSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The org's sObject types with describe metadata (standard objects of a sales org with Enterprise Territory Management
 * and Collaborative Forecasts). Immutable; also the schema the SOQL engine validates against.
 */
public final class OrgSchema implements SoqlSchema {

    public static final String USER = "User";
    public static final String USER_ROLE = "UserRole";
    public static final String ACCOUNT = "Account";
    public static final String OPPORTUNITY = "Opportunity";
    public static final String TERRITORY2_MODEL = "Territory2Model";
    public static final String TERRITORY2_TYPE = "Territory2Type";
    public static final String TERRITORY2 = "Territory2";
    public static final String USER_TERRITORY2_ASSOCIATION = "UserTerritory2Association";
    public static final String OBJECT_TERRITORY2_ASSOCIATION = "ObjectTerritory2Association";
    public static final String FORECASTING_TYPE = "ForecastingType";
    public static final String PERIOD = "Period";
    public static final String FORECASTING_QUOTA = "ForecastingQuota";

    /** The newest API version the emulator serves. */
    public static final double LATEST_API_VERSION = 66.0;

    /**
     * Fields younger than the oldest API version served (40.0), with the version that introduced them (Salesforce
     * object reference); a client at an older version neither sees nor may use them, as with a real org.
     */
    private static final Map<String, Double> FIELD_SINCE = Map.of(
            FORECASTING_QUOTA + ".Territory2Id", 43.0);

    private final Map<String, ObjectDef> objectsByLowerName;
    private final Map<String, ObjectDef> objectsByPrefix;

    private OrgSchema(List<ObjectDef> objects) {
        Map<String, ObjectDef> byName = new LinkedHashMap<>();
        Map<String, ObjectDef> byPrefix = new LinkedHashMap<>();
        for (ObjectDef object : objects) {
            byName.put(object.name().toLowerCase(Locale.ROOT), object);
            byPrefix.put(object.keyPrefix(), object);
        }
        this.objectsByLowerName = Collections.unmodifiableMap(byName);
        this.objectsByPrefix = Collections.unmodifiableMap(byPrefix);
    }

    /** The standard emulated org. */
    public static OrgSchema standard() {
        List<ObjectDef> objects = new ArrayList<>();
        objects.add(object(USER, "User", "Users", "005", true, true, false, false, true, false,
                List.of(),
                f("Username", FieldType.STRING).length(80).required().unique().idLookup(),
                f("LastName", FieldType.STRING).length(80).required(),
                f("FirstName", FieldType.STRING).length(40),
                f("Name", FieldType.STRING).length(121).readOnly().label("Full Name").idLookup(),
                f("Alias", FieldType.STRING).length(8).defaulted(),
                f("Email", FieldType.EMAIL).length(128).required(),
                f("Title", FieldType.STRING).length(80),
                f("Department", FieldType.STRING).length(80),
                f("IsActive", FieldType.BOOLEAN).defaulted().label("Active"),
                f("UserRoleId", FieldType.REFERENCE).references("UserRole", USER_ROLE).label("Role ID"),
                f("ManagerId", FieldType.REFERENCE).references("Manager", USER),
                f("FederationIdentifier", FieldType.STRING).length(512).idLookup()));
        objects.add(object(USER_ROLE, "Role", "Roles", "00E", true, true, true, false, true, false,
                List.of(),
                f("Name", FieldType.STRING).length(80).required(),
                f("DeveloperName", FieldType.STRING).length(80).defaulted().unique(),
                f("ParentRoleId", FieldType.REFERENCE).references(null, USER_ROLE).label("Parent Role ID"),
                f("RollupDescription", FieldType.STRING).length(80)));
        objects.add(object(ACCOUNT, "Account", "Accounts", "001", true, true, true, true, true, true,
                List.of(),
                f("Name", FieldType.STRING).length(255).required().label("Account Name"),
                f("Type", FieldType.PICKLIST).picklist("Prospect", "Customer - Direct", "Customer - Channel",
                        "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other")
                        .label("Account Type"),
                f("ParentId", FieldType.REFERENCE).references("Parent", ACCOUNT),
                f("BillingCountry", FieldType.STRING).length(80),
                f("BillingState", FieldType.STRING).length(80),
                f("BillingPostalCode", FieldType.STRING).length(20),
                f("Industry", FieldType.PICKLIST).picklist("Agriculture", "Apparel", "Banking", "Biotechnology",
                        "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics",
                        "Energy", "Engineering", "Entertainment", "Environmental", "Finance", "Food & Beverage",
                        "Government", "Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media",
                        "Not For Profit", "Recreation", "Retail", "Shipping", "Technology", "Telecommunications",
                        "Transportation", "Utilities", "Other"),
                f("AnnualRevenue", FieldType.CURRENCY),
                f("NumberOfEmployees", FieldType.INTEGER).label("Employees"),
                f("External_Id__c", FieldType.STRING).length(50).externalId().label("External Id"),
                f("Segment__c", FieldType.PICKLIST).picklist("SMB", "MidMarket", "Enterprise").label("Segment")));
        objects.add(object(OPPORTUNITY, "Opportunity", "Opportunities", "006", true, true, true, true, true, true,
                List.of(),
                f("Name", FieldType.STRING).length(120).required().label("Opportunity Name"),
                f("AccountId", FieldType.REFERENCE).references("Account", ACCOUNT),
                f("StageName", FieldType.PICKLIST).required().picklist("Prospecting", "Qualification",
                        "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis",
                        "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost").label("Stage"),
                f("Amount", FieldType.CURRENCY),
                f("Probability", FieldType.PERCENT).precision(3, 0),
                f("CloseDate", FieldType.DATE).required(),
                f("IsClosed", FieldType.BOOLEAN).readOnly().label("Closed"),
                f("IsWon", FieldType.BOOLEAN).readOnly().label("Won")));
        objects.add(object(TERRITORY2_MODEL, "Territory Model", "Territory Models", "0MA", true, true, true, false,
                true, true, List.of(),
                f("Name", FieldType.STRING).length(80).required().label("Label"),
                f("DeveloperName", FieldType.STRING).length(80).required().unique().label("Territory Model Name"),
                f("Description", FieldType.TEXTAREA).length(1000),
                f("State", FieldType.PICKLIST).defaulted().restrictedPicklist("Planning", "Active", "Archived")));
        objects.add(object(TERRITORY2_TYPE, "Territory Type", "Territory Types", "0M5", true, true, true, false,
                true, false, List.of(),
                f("MasterLabel", FieldType.STRING).length(80).required().label("Label"),
                f("DeveloperName", FieldType.STRING).length(80).required().unique().label("Name"),
                f("Priority", FieldType.INTEGER).required().unique(),
                f("Description", FieldType.TEXTAREA).length(1000)));
        objects.add(object(TERRITORY2, "Territory", "Territories", "0MI", true, true, true, false, true, false,
                List.of(List.of("Territory2ModelId", "DeveloperName")),
                f("Name", FieldType.STRING).length(80).required().label("Label"),
                f("DeveloperName", FieldType.STRING).length(80).required().label("Territory Name"),
                f("Territory2ModelId", FieldType.REFERENCE).required().createOnly()
                        .references("Territory2Model", TERRITORY2_MODEL),
                f("Territory2TypeId", FieldType.REFERENCE).required().references("Territory2Type", TERRITORY2_TYPE),
                f("ParentTerritory2Id", FieldType.REFERENCE).references("ParentTerritory2", TERRITORY2),
                f("Description", FieldType.TEXTAREA).length(1000),
                f("AccountAccessLevel", FieldType.PICKLIST).picklist("Read", "Edit", "All"),
                f("OpportunityAccessLevel", FieldType.PICKLIST).picklist("None", "Read", "Edit")));
        objects.add(object(USER_TERRITORY2_ASSOCIATION, "User Territory Association",
                "User Territory Associations", "0R0", true, false, true, false, false, false,
                List.of(List.of("UserId", "Territory2Id")),
                f("UserId", FieldType.REFERENCE).required().createOnly().references("User", USER),
                f("Territory2Id", FieldType.REFERENCE).required().createOnly().references("Territory2", TERRITORY2),
                f("RoleInTerritory2", FieldType.PICKLIST).createOnly().picklist("Owner", "Sales Rep",
                        "Sales Manager", "Overlay").label("Role in Territory"),
                f("IsActive", FieldType.BOOLEAN).defaulted().createOnly().label("Active")));
        objects.add(object(OBJECT_TERRITORY2_ASSOCIATION, "Object Territory Association",
                "Object Territory Associations", "0R5", true, false, true, false, true, false,
                List.of(List.of("ObjectId", "Territory2Id")),
                f("ObjectId", FieldType.REFERENCE).required().createOnly().references("Object", ACCOUNT),
                f("Territory2Id", FieldType.REFERENCE).required().createOnly().references("Territory2", TERRITORY2),
                f("AssociationCause", FieldType.PICKLIST).required().createOnly()
                        .restrictedPicklist("Territory2Manual", "Territory2AssignmentRule").label("Method"),
                f("SobjectType", FieldType.PICKLIST).readOnly().restrictedPicklist(ACCOUNT)));
        objects.add(object(FORECASTING_TYPE, "Forecasting Type", "Forecasting Types", "0Db", true, true, true, false,
                true, false, List.of(),
                f("DeveloperName", FieldType.STRING).length(80).required().unique(),
                f("MasterLabel", FieldType.STRING).length(80).required().label("Label"),
                f("IsAmount", FieldType.BOOLEAN).defaulted(),
                f("IsQuantity", FieldType.BOOLEAN).defaulted(),
                f("IsActive", FieldType.BOOLEAN).defaulted()));
        objects.add(object(PERIOD, "Period", "Periods", "026", true, true, true, false, true, false,
                List.of(List.of("Type", "StartDate")),
                f("Type", FieldType.PICKLIST).required().restrictedPicklist("Month", "Quarter", "Year", "Week"),
                f("StartDate", FieldType.DATE).required(),
                f("EndDate", FieldType.DATE).required(),
                f("Number", FieldType.INTEGER),
                f("PeriodLabel", FieldType.STRING).length(80),
                f("QuarterLabel", FieldType.STRING).length(80),
                f("FullyQualifiedLabel", FieldType.STRING).length(80),
                f("IsForecastPeriod", FieldType.BOOLEAN).defaulted()));
        objects.add(object(FORECASTING_QUOTA, "Forecasting Quota", "Forecasting Quotas", "0J9", true, true, true,
                false, true, true, List.of(),
                f("QuotaOwnerId", FieldType.REFERENCE).required().references("QuotaOwner", USER),
                f("StartDate", FieldType.DATE).required(),
                f("PeriodId", FieldType.REFERENCE).readOnly().references("Period", PERIOD),
                f("QuotaAmount", FieldType.CURRENCY),
                f("QuotaQuantity", FieldType.DOUBLE),
                f("IsAmount", FieldType.BOOLEAN).defaulted(),
                f("IsQuantity", FieldType.BOOLEAN).defaulted(),
                f("ForecastingTypeId", FieldType.REFERENCE).required().references("ForecastingType", FORECASTING_TYPE),
                f("Territory2Id", FieldType.REFERENCE).references("Territory2", TERRITORY2),
                f("CurrencyIsoCode", FieldType.PICKLIST).defaulted().restrictedPicklist("USD", "EUR", "GBP", "JPY")
                        .label("Currency ISO Code")));
        return new OrgSchema(objects);
    }

    private static FieldDef.Builder f(String name, FieldType type) {
        return FieldDef.builder(name, type);
    }

    private static ObjectDef object(String name, String label, String plural, String prefix, boolean createable,
                                    boolean updateable, boolean deletable, boolean undeletable, boolean replicateable,
                                    boolean owned, List<List<String>> uniqueKeys, FieldDef.Builder... fields) {
        List<FieldDef> all = new ArrayList<>();
        all.add(f("Id", FieldType.ID).readOnly().defaulted().idLookup().label(label + " ID").build());
        if (owned) {
            all.add(f("OwnerId", FieldType.REFERENCE).defaulted().references("Owner", USER).label("Owner ID").build());
        }
        for (FieldDef.Builder field : fields) {
            all.add(field.build());
        }
        all.add(f("IsDeleted", FieldType.BOOLEAN).readOnly().defaulted().label("Deleted").build());
        all.add(f("CreatedDate", FieldType.DATETIME).readOnly().defaulted().build());
        all.add(f("CreatedById", FieldType.REFERENCE).readOnly().defaulted().references("CreatedBy", USER).build());
        all.add(f("LastModifiedDate", FieldType.DATETIME).readOnly().defaulted().build());
        all.add(f("LastModifiedById", FieldType.REFERENCE).readOnly().defaulted().references("LastModifiedBy", USER)
                .build());
        all.add(f("SystemModstamp", FieldType.DATETIME).readOnly().defaulted().build());
        return new ObjectDef(name, label, plural, prefix, createable, updateable, deletable, undeletable, replicateable,
                all, uniqueKeys);
    }

    /** The API version that introduced the field (canonical names), 0 when it exists at every version served. */
    public static double fieldSince(String objectName, String fieldName) {
        return FIELD_SINCE.getOrDefault(objectName + "." + fieldName, 0.0);
    }

    /** True when the field exists at the client's API version. */
    public static boolean fieldExistsAt(String objectName, String fieldName, double apiVersion) {
        return fieldSince(objectName, fieldName) <= apiVersion;
    }

    /** All objects in describeGlobal order. */
    public Collection<ObjectDef> objects() {
        return objectsByLowerName.values();
    }

    /** Case-insensitive lookup, null when absent. */
    public ObjectDef objectDef(String name) {
        return name == null ? null : objectsByLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    /** The object whose key prefix starts the id, null when none. */
    public ObjectDef objectForId(String id) {
        return id == null || id.length() < 3 ? null : objectsByPrefix.get(id.substring(0, 3));
    }

    @Override
    public ObjectInfo object(String name) {
        return objectDef(name);
    }
}

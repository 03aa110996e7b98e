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
 * and Collaborative Forecasts, plus any custom fields and objects). The shape is data: describe documents under
 * {@code src/main/resources/schema/} and from {@code --schema DIR}. Immutable (a schema change makes a new instance);
 * also the schema the SOQL engine validates against.
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
    public static final String CONTACT = "Contact";
    public static final String ACCOUNT_TEAM_MEMBER = "AccountTeamMember";
    public static final String OPPORTUNITY_TEAM_MEMBER = "OpportunityTeamMember";
    public static final String ASSIGNMENT_RULE = "ObjectTerritory2AssignmentRule";
    public static final String ASSIGNMENT_RULE_ITEM = "ObjectTerritory2AssignmentRuleItem";
    public static final String RULE_TERRITORY2_ASSOCIATION = "RuleTerritory2Association";

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

    /** Composite unique keys of standard objects: org rules a describe does not carry. */
    private static final Map<String, List<List<String>>> COMPOSITE_KEYS = Map.of(
            TERRITORY2, List.of(List.of("Territory2ModelId", "DeveloperName")),
            USER_TERRITORY2_ASSOCIATION, List.of(List.of("UserId", "Territory2Id")),
            OBJECT_TERRITORY2_ASSOCIATION, List.of(List.of("ObjectId", "Territory2Id")),
            PERIOD, List.of(List.of("Type", "StartDate")),
            ACCOUNT_TEAM_MEMBER, List.of(List.of("AccountId", "UserId")),
            OPPORTUNITY_TEAM_MEMBER, List.of(List.of("OpportunityId", "UserId")),
            RULE_TERRITORY2_ASSOCIATION, List.of(List.of("RuleId", "Territory2Id")));

    private static volatile OrgSchema standard;

    /** The standard emulated org: the describe documents under {@code schema/} on the classpath (index.json order). */
    public static OrgSchema standard() {
        OrgSchema loaded = standard;
        if (loaded == null) {
            loaded = new OrgSchema(StandardSchemaResources.load().stream()
                    .map(document -> toObject(document, COMPOSITE_KEYS.getOrDefault(document.name(), List.of())))
                    .toList());
            standard = loaded;
        }
        return loaded;
    }

    static ObjectDef toObject(DescribeDocuments.ObjectDocument document, List<List<String>> compositeKeys) {
        return new ObjectDef(document.name(), document.label(), document.labelPlural(), document.keyPrefix(),
                document.createable(), document.updateable(), document.deletable(), document.undeletable(),
                document.replicateable(), document.fields(), compositeKeys);
    }

    /** This schema with the object added or replaced (same position when replaced, appended otherwise). */
    public OrgSchema with(ObjectDef object) {
        List<ObjectDef> objects = new ArrayList<>();
        boolean replaced = false;
        for (ObjectDef existing : objects()) {
            if (existing.name().equalsIgnoreCase(object.name())) {
                objects.add(object);
                replaced = true;
            } else {
                objects.add(existing);
            }
        }
        if (!replaced) {
            objects.add(object);
        }
        return new OrgSchema(objects);
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

package dev.planbridge.sync.domain;

/** The Salesforce objects a push reads or writes, with what the API allows on each. */
public enum SObjectType {
    TERRITORY2_MODEL("Territory2Model", true),
    TERRITORY2_TYPE("Territory2Type", true),
    TERRITORY2("Territory2", true),
    USER_TERRITORY2_ASSOCIATION("UserTerritory2Association", false),
    OBJECT_TERRITORY2_ASSOCIATION("ObjectTerritory2Association", false),
    ACCOUNT("Account", true),
    OPPORTUNITY("Opportunity", true),
    FORECASTING_QUOTA("ForecastingQuota", true);

    private final String apiName;
    private final boolean updatable;

    SObjectType(String apiName, boolean updatable) {
        this.apiName = apiName;
        this.updatable = updatable;
    }

    public String apiName() {
        return apiName;
    }

    /** Associations have no update: a changed association is deleted and created again. */
    public boolean updatable() {
        return updatable;
    }

    public static SObjectType ofApiName(String apiName) {
        for (SObjectType type : values()) {
            if (type.apiName.equalsIgnoreCase(apiName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown Salesforce object '" + apiName + "'");
    }
}

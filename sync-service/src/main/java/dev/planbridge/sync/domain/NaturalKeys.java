package dev.planbridge.sync.domain;

import dev.planbridge.salesforce.Soql;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * How to find a record the push may already have created although the answer never arrived: the fields that
 * identify it (Territory2 DeveloperName per model, an association per user/object and territory, a quota per
 * owner, start, forecasting type and territory) and the queries that look for them.
 */
public final class NaturalKeys {

    private NaturalKeys() {
    }

    public static List<String> keyFields(SObjectType object) {
        return switch (object) {
            case TERRITORY2_MODEL, TERRITORY2_TYPE -> List.of("DeveloperName");
            case TERRITORY2 -> List.of("DeveloperName", "Territory2ModelId");
            case USER_TERRITORY2_ASSOCIATION -> List.of("UserId", "Territory2Id");
            case OBJECT_TERRITORY2_ASSOCIATION -> List.of("ObjectId", "Territory2Id");
            case FORECASTING_QUOTA -> List.of("QuotaOwnerId", "StartDate", "ForecastingTypeId", "Territory2Id");
            case ACCOUNT, OPPORTUNITY -> throw new IllegalArgumentException(object.apiName() + " records are never created by a push");
        };
    }

    /** The identity of a record from its field values; equal for the planned record and the one found. */
    public static String matchKey(SObjectType object, Map<String, String> values) {
        StringJoiner key = new StringJoiner("|");
        for (String field : keyFields(object)) {
            String value = values.get(field);
            key.add(value != null && Soql.isId(value) ? value.substring(0, 15) : String.valueOf(value));
        }
        return key.toString();
    }

    /** Queries returning Id and key fields of every existing record that may match one of {@code records}. */
    public static List<String> lookupQueries(SObjectType object, List<Map<String, String>> records, int maxLength) {
        List<String> fields = keyFields(object);
        String lookupField = fields.get(0);
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, String> record : records) {
            if (record.get(lookupField) != null) {
                values.add(record.get(lookupField));
            }
        }
        String prefix = "SELECT Id, " + String.join(", ", fields) + " FROM " + object.apiName() + " WHERE";
        return values.isEmpty() ? new ArrayList<>() : Soql.inQueries(prefix, lookupField, values, null, maxLength);
    }
}

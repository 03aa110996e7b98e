package dev.planbridge.sync.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * References from one planned record to another that may not exist yet ({@code @ref:Territory2:EMEA}); they are
 * replaced by Salesforce Ids when the operation is sent.
 */
public final class Refs {

    private static final String PREFIX = "@ref:";

    private Refs() {
    }

    public static String to(SObjectType object, String naturalKey) {
        return PREFIX + object.apiName() + ":" + naturalKey;
    }

    public static boolean isRef(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Replaces every reference using {@code lookup(object, naturalKey)}; fails when one is still unknown. */
    public static Map<String, String> resolve(Map<String, String> values, BiFunction<SObjectType, String, String> lookup) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = entry.getValue();
            if (isRef(value)) {
                String rest = value.substring(PREFIX.length());
                int colon = rest.indexOf(':');
                SObjectType object = SObjectType.ofApiName(rest.substring(0, colon));
                String id = lookup.apply(object, rest.substring(colon + 1));
                if (id == null) {
                    throw new UnresolvedReferenceException(value);
                }
                value = id;
            }
            resolved.put(entry.getKey(), value);
        }
        return resolved;
    }

    /** A record referred to was not created (it failed or was held), so the referring one cannot be written. */
    public static class UnresolvedReferenceException extends RuntimeException {
        public UnresolvedReferenceException(String ref) {
            super("Depends on " + ref.substring(PREFIX.length()) + ", which was not written");
        }
    }
}

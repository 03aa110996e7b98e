package dev.planbridge.sync.domain;

import java.util.Locale;

/**
 * How someone settled a conflict: keep the plan's value, the CRM's, or a value of their own. It applies only
 * while the CRM still holds {@code crmValue}, the value they decided on; a newer CRM change is a new conflict.
 */
public record Resolution(Keep keep, String value, String crmValue) {

    public enum Keep {
        PLAN, CRM, VALUE;

        public static Keep parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("keep must be plan, crm or value, not '" + text + "'");
            }
        }
    }

    /** Looks up the resolution of one field of one record. */
    @FunctionalInterface
    public interface Lookup {
        Resolution find(SObjectType object, String naturalKey, String field);

        static Lookup none() {
            return (object, key, field) -> null;
        }
    }
}

package dev.planbridge.sync.domain;

import java.util.Map;

/** What earlier pushes of this service wrote, so that their changes are not mistaken for CRM edits. */
@FunctionalInterface
public interface OwnHistory {

    /** The field values the last successful push wrote to this record, or null when none did. */
    Map<String, String> lastPushed(SObjectType object, String naturalKey);

    static OwnHistory none() {
        return (object, key) -> null;
    }
}

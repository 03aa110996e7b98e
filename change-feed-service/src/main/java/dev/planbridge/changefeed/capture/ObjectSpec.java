package dev.planbridge.changefeed.capture;

import java.util.List;
import java.util.Objects;

/**
 * One captured object: its configured fields and how it is captured.
 *
 * @param fields the business fields; the engine adds Id, SystemModstamp, LastModifiedById and IsDeleted itself
 */
public record ObjectSpec(String name, List<String> fields, Strategy strategy) {

    /** How changes of an object are found. */
    public enum Strategy {
        /** SOQL by SystemModstamp watermark with an overlap window (queryAll for deletes). */
        INCREMENTAL,
        /** A full read compared with the state store each poll: for objects Salesforce cannot report incrementally. */
        SNAPSHOT_DIFF
    }

    public ObjectSpec {
        Objects.requireNonNull(name, "object name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a Salesforce object name: '" + name + "'");
        }
        fields = List.copyOf(fields);
        for (String field : fields) {
            if (!field.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?")) {
                throw new IllegalArgumentException("Not a field name of " + name + ": '" + field + "'");
            }
        }
        Objects.requireNonNull(strategy, "strategy");
    }
}

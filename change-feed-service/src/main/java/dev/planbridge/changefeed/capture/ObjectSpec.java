package dev.planbridge.changefeed.capture;

import java.util.List;
import java.util.Objects;

/**
 * One captured object: which of its fields and how it is captured.
 *
 * @param fields the business fields; the engine adds Id, SystemModstamp, LastModifiedById and IsDeleted itself
 */
public record ObjectSpec(String name, FieldSelection fields, Strategy strategy) {

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
        Objects.requireNonNull(fields, "field selection");
        Objects.requireNonNull(strategy, "strategy");
    }

    /** An object captured with a fixed field list. */
    public ObjectSpec(String name, List<String> fields, Strategy strategy) {
        this(name, fixedOf(name, fields), strategy);
    }

    private static FieldSelection fixedOf(String object, List<String> fields) {
        try {
            return FieldSelection.fixed(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (fields of " + object + ")", e);
        }
    }
}

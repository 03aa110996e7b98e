package dev.planbridge.emulator.org;

import java.util.List;

/** A single-record convenience write ({@link Org#insert} etc.) failed; carries the Salesforce errors. */
public class OrgWriteException extends RuntimeException {
    private final List<RecordError> errors;

    public OrgWriteException(List<RecordError> errors) {
        super(errors.isEmpty() ? "write failed" : errors.get(0).statusCode() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<RecordError> errors() {
        return errors;
    }

    /** Status code of the first error, e.g. "DUPLICATE_VALUE". */
    public String statusCode() {
        return errors.isEmpty() ? null : errors.get(0).statusCode();
    }
}

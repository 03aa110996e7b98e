package dev.planbridge.emulator.org;

/** A per-record failure inside the write path; the record's WriteResult reports its error, the call goes on. */
final class RecordFailure extends RuntimeException {

    final RecordError error;

    RecordFailure(RecordError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    static RecordFailure of(String statusCode, String message, String... fields) {
        return new RecordFailure(RecordError.of(statusCode, message, fields));
    }
}

package dev.planbridge.emulator.bulk;

/**
 * The Bulk API 2.0 limits the emulator enforces. {@link #documented()} holds the values of Salesforce's "Bulk API and
 * Bulk API 2.0 Limits and Allocations" (see docs/salesforce-emulator.md); tests lower them to reach them quickly.
 *
 * @param maxUploadBytes      largest CSV one ingest job accepts (documented: 150 MB)
 * @param dailyRecords        records uploaded per rolling 24 hours (documented: 150,000,000)
 * @param dailyBatches        internal batches per rolling 24 hours, shared with Bulk API 1.0 (documented: 15,000)
 * @param recordsPerBatch     records per internal batch (documented: 10,000)
 * @param dailyQueryJobs      query jobs per rolling 24 hours (documented: 10,000)
 * @param maxFieldCharacters  characters in one field (documented: 32,000)
 * @param maxRecordCharacters characters in one record (documented: 400,000)
 * @param maxFieldsPerRecord  fields in one record (documented: 5,000)
 */
public record BulkLimits(long maxUploadBytes, long dailyRecords, int dailyBatches, int recordsPerBatch,
                         int dailyQueryJobs, int maxFieldCharacters, int maxRecordCharacters,
                         int maxFieldsPerRecord) {

    public BulkLimits {
        if (maxUploadBytes < 1 || dailyRecords < 1 || dailyBatches < 1 || recordsPerBatch < 1 || dailyQueryJobs < 1
                || maxFieldCharacters < 1 || maxRecordCharacters < 1 || maxFieldsPerRecord < 1) {
            throw new IllegalArgumentException("Bulk API limits must be positive: " + this);
        }
    }

    public static BulkLimits documented() {
        return new BulkLimits(150L * 1024 * 1024, 150_000_000L, 15_000, 10_000, 10_000, 32_000, 400_000, 5_000);
    }

    public BulkLimits withMaxUploadBytes(long value) {
        return new BulkLimits(value, dailyRecords, dailyBatches, recordsPerBatch, dailyQueryJobs, maxFieldCharacters,
                maxRecordCharacters, maxFieldsPerRecord);
    }

    public BulkLimits withDailyRecords(long value) {
        return new BulkLimits(maxUploadBytes, value, dailyBatches, recordsPerBatch, dailyQueryJobs, maxFieldCharacters,
                maxRecordCharacters, maxFieldsPerRecord);
    }

    public BulkLimits withDailyBatches(int value) {
        return new BulkLimits(maxUploadBytes, dailyRecords, value, recordsPerBatch, dailyQueryJobs, maxFieldCharacters,
                maxRecordCharacters, maxFieldsPerRecord);
    }

    public BulkLimits withRecordsPerBatch(int value) {
        return new BulkLimits(maxUploadBytes, dailyRecords, dailyBatches, value, dailyQueryJobs, maxFieldCharacters,
                maxRecordCharacters, maxFieldsPerRecord);
    }

    public BulkLimits withDailyQueryJobs(int value) {
        return new BulkLimits(maxUploadBytes, dailyRecords, dailyBatches, recordsPerBatch, value, maxFieldCharacters,
                maxRecordCharacters, maxFieldsPerRecord);
    }
}

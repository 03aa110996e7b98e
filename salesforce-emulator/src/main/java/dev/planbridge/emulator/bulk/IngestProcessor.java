package dev.planbridge.emulator.bulk;

import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.FaultRules;
import dev.planbridge.emulator.org.FieldDef;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.ParentReference;
import dev.planbridge.emulator.org.RecordError;
import dev.planbridge.emulator.org.RecordInput;
import dev.planbridge.emulator.org.SalesforceIds;
import dev.planbridge.emulator.org.WriteOptions;
import dev.planbridge.emulator.org.WriteResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one ingest job on the org: parses the CSV, then writes it in chunks of {@link BulkLimits#recordsPerBatch()}
 * records through the same {@link Org} write calls SOAP uses (validation, required fields, references, uniqueness,
 * change log, SystemModstamp), and records one outcome per row.
 */
final class IngestProcessor {

    /** Value that sets a field to null in Bulk API CSV (an empty value leaves the field as it is). */
    static final String NULL_VALUE = "#N/A";

    private final Org org;
    private final FaultRules faults;
    private final BulkLimits limits;
    private final RollingAllocation records;
    private final RollingAllocation batches;

    IngestProcessor(Org org, FaultRules faults, BulkLimits limits, RollingAllocation records,
                    RollingAllocation batches) {
        this.org = org;
        this.faults = faults;
        this.limits = limits;
        this.records = records;
        this.batches = batches;
    }

    void process(IngestJob job) {
        long started = System.currentTimeMillis();
        if (!job.start(BulkJobs.timestamp(org))) {
            return;
        }
        try {
            processStarted(job, started);
        } catch (RuntimeException e) {
            // Whatever went wrong, the job must not stay InProgress for ever: clients poll until a terminal state.
            job.finish(JobState.Failed, "InternalServerError : " + e, List.of(), elapsed(started),
                    BulkJobs.timestamp(org));
        }
    }

    private void processStarted(IngestJob job, long started) {
        List<List<String>> rows;
        try {
            rows = parse(job);
        } catch (JobFailure | ApiFaultException failure) {
            job.finish(JobState.Failed, failure.getMessage(), List.of(), elapsed(started), BulkJobs.timestamp(org));
            return;
        }
        List<List<String>> data = rows.subList(1, rows.size());
        int chunkSize = limits.recordsPerBatch();
        long chunks = (data.size() + chunkSize - 1L) / chunkSize;
        if (!records.tryTake(data.size(), limits.dailyRecords())) {
            job.finish(JobState.Failed, "ExceededQuota : the job's " + data.size() + " records exceed the "
                    + limits.dailyRecords() + " records allowed per rolling 24 hours", data, elapsed(started),
                    BulkJobs.timestamp(org));
            return;
        }
        if (!batches.tryTake(chunks, limits.dailyBatches())) {
            job.finish(JobState.Failed, "ExceededQuota : the job's " + chunks + " batches exceed the "
                    + limits.dailyBatches() + " batches allowed per rolling 24 hours", data, elapsed(started),
                    BulkJobs.timestamp(org));
            return;
        }
        List<String> header = rows.get(0);
        for (int from = 0; from < data.size(); from += chunkSize) {
            List<List<String>> chunk = data.subList(from, Math.min(data.size(), from + chunkSize));
            List<IngestJob.RowResult> outcomes;
            try {
                outcomes = writeChunk(job, header, chunk);
            } catch (ApiFaultException fault) {
                job.finish(JobState.Failed, fault.exceptionCode() + " : " + fault.getMessage(),
                        data.subList(from, data.size()), elapsed(started), BulkJobs.timestamp(org));
                return;
            }
            if (!job.addResults(outcomes)) {
                job.finish(JobState.Aborted, null, data.subList(from + chunk.size(), data.size()), elapsed(started),
                        BulkJobs.timestamp(org));
                return;
            }
        }
        job.finish(JobState.JobComplete, null, List.of(), elapsed(started), BulkJobs.timestamp(org));
    }

    private static long elapsed(long started) {
        return System.currentTimeMillis() - started;
    }

    /** The CSV rows with a validated header row first; a bad file fails the whole job, as in Salesforce. */
    private List<List<String>> parse(IngestJob job) {
        String text = new String(job.data() == null ? new byte[0] : job.data(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstBreak = text.indexOf('\n');
        if (job.lineEnding.equals("LF") && firstBreak > 0 && text.charAt(firstBreak - 1) == '\r') {
            throw new JobFailure("ClientInputError : LineEnding is invalid on user data. Current LineEnding "
                    + "setting is LF");
        }
        if (job.lineEnding.equals("CRLF") && firstBreak >= 0 && (firstBreak == 0 || text.charAt(firstBreak - 1) != '\r')) {
            throw new JobFailure("ClientInputError : LineEnding is invalid on user data. Current LineEnding "
                    + "setting is CRLF");
        }
        List<List<String>> rows;
        try {
            rows = new BulkCsv(job.columnDelimiter, job.lineEnding).parse(text);
        } catch (BulkCsv.CsvException e) {
            throw new JobFailure("ClientInputError : " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new JobFailure("InvalidBatch : Empty CSV file");
        }
        List<String> header = rows.get(0);
        job.setHeader(header);
        checkHeader(job, header);
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != header.size()) {
                throw new JobFailure("InvalidBatch : Wrong number of columns in row " + i + ": expected "
                        + header.size() + ", found " + row.size());
            }
            int characters = 0;
            for (String value : row) {
                if (value.length() > limits.maxFieldCharacters()) {
                    throw new JobFailure("InvalidBatch : a field in row " + i + " exceeds "
                            + limits.maxFieldCharacters() + " characters");
                }
                characters += value.length();
            }
            if (characters > limits.maxRecordCharacters()) {
                throw new JobFailure("InvalidBatch : row " + i + " exceeds " + limits.maxRecordCharacters()
                        + " characters");
            }
        }
        return rows;
    }

    private void checkHeader(IngestJob job, List<String> header) {
        if (header.size() > limits.maxFieldsPerRecord()) {
            throw new JobFailure("InvalidBatch : more than " + limits.maxFieldsPerRecord() + " fields in a record");
        }
        ObjectDef object = org.requireObject(job.object);
        boolean deleting = job.operation.equals("delete") || job.operation.equals("hardDelete");
        if (deleting && !(header.size() == 1 && header.get(0).equalsIgnoreCase("Id"))) {
            throw new JobFailure("InvalidBatch : a " + job.operation + " job takes a single Id column");
        }
        for (String column : header) {
            if (column.equalsIgnoreCase("Id")) {
                continue;
            }
            if (column.isEmpty() || !knownColumn(object, column)) {
                throw new JobFailure("InvalidBatch : Field name not found : " + column);
            }
        }
        if (job.operation.equals("update") && header.stream().noneMatch(c -> c.equalsIgnoreCase("Id"))) {
            throw new JobFailure("InvalidBatch : Field name not found : Id");
        }
        if (job.operation.equals("upsert")
                && header.stream().noneMatch(c -> c.equalsIgnoreCase(job.externalIdFieldName))) {
            throw new JobFailure("InvalidBatch : Field name not found : " + job.externalIdFieldName);
        }
    }

    /** A field of the object, or "Relationship.ExternalIdField" naming a parent by one of its idLookup fields. */
    private static boolean knownColumn(ObjectDef object, String column) {
        int dot = column.indexOf('.');
        if (dot < 0) {
            return object.fieldDef(column) != null;
        }
        FieldDef foreignKey = object.relationshipField(column.substring(0, dot));
        return foreignKey != null && !foreignKey.referenceTo().isEmpty();
    }

    private List<IngestJob.RowResult> writeChunk(IngestJob job, List<String> header, List<List<String>> chunk) {
        ObjectDef object = org.requireObject(job.object);
        String call = job.operation;
        WriteOptions options = new WriteOptions(false, false, i -> faults.fireLockFailure(call, object.name()),
                Double.parseDouble(job.apiVersion));
        List<WriteResult> written;
        switch (job.operation) {
            case "insert" -> written = org.create(job.createdById, inputs(object, header, chunk), options);
            case "update" -> written = org.update(job.createdById, inputs(object, header, chunk), options);
            case "upsert" -> written = org.upsert(job.createdById, object.name(), job.externalIdFieldName,
                    inputs(object, header, chunk), options);
            default -> written = deleteOfType(job, object, chunk, options);
        }
        List<IngestJob.RowResult> outcomes = new ArrayList<>(chunk.size());
        int idColumn = indexOfIgnoreCase(header, "Id");
        for (int i = 0; i < chunk.size(); i++) {
            WriteResult result = written.get(i);
            List<String> row = chunk.get(i);
            if (result.success()) {
                outcomes.add(new IngestJob.RowResult(row, result.id(), result.created(), null));
            } else {
                String inputId = idColumn >= 0 && !row.get(idColumn).isEmpty() ? row.get(idColumn) : "";
                outcomes.add(new IngestJob.RowResult(row, result.id() != null ? result.id() : inputId, false,
                        errorText(result.errors())));
            }
        }
        return outcomes;
    }

    /**
     * Deletes the rows whose Id belongs to the job's object; SOAP delete takes ids of any object, a Bulk job is typed,
     * so an id of another object fails its row (as an update with such an id does) instead of deleting that record.
     */
    private List<WriteResult> deleteOfType(IngestJob job, ObjectDef object, List<List<String>> chunk,
                                           WriteOptions options) {
        List<String> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        WriteResult[] results = new WriteResult[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            String id = chunk.get(i).get(0);
            String normalized = SalesforceIds.normalize(id);
            if (normalized != null && !SalesforceIds.prefix(normalized).equals(object.keyPrefix())) {
                results[i] = WriteResult.failed(id, RecordError.of("MALFORMED_ID", object.name()
                        + " ID: id value of incorrect type: " + id, "Id"));
            } else {
                ids.add(id);
                positions.add(i);
            }
        }
        List<WriteResult> deleted = org.delete(job.createdById, ids, options);
        for (int i = 0; i < deleted.size(); i++) {
            results[positions.get(i)] = deleted.get(i);
        }
        return List.of(results);
    }

    /** CSV rows as write inputs: empty values are left out, {@value #NULL_VALUE} nulls the field. */
    private static List<RecordInput> inputs(ObjectDef object, List<String> header, List<List<String>> chunk) {
        List<RecordInput> inputs = new ArrayList<>(chunk.size());
        for (List<String> row : chunk) {
            String id = null;
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> fieldsToNull = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c);
                String value = row.get(c);
                if (column.equalsIgnoreCase("Id")) {
                    id = value.isEmpty() ? null : value;
                } else if (value.equals(NULL_VALUE)) {
                    fieldsToNull.add(column);
                } else if (!value.isEmpty()) {
                    int dot = column.indexOf('.');
                    if (dot < 0) {
                        values.put(column, value);
                    } else {
                        String relationship = column.substring(0, dot);
                        FieldDef foreignKey = object.relationshipField(relationship);
                        values.put(relationship, new ParentReference(foreignKey.referenceTo().get(0),
                                column.substring(dot + 1), value));
                    }
                }
            }
            inputs.add(new RecordInput(object.name(), id, values, fieldsToNull));
        }
        return inputs;
    }

    /** sf__Error: "STATUS_CODE:message:field,field --", the shape Salesforce writes into failedResults. */
    static String errorText(List<RecordError> errors) {
        StringBuilder text = new StringBuilder();
        for (RecordError error : errors) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(error.statusCode()).append(':').append(error.message()).append(':')
                    .append(String.join(",", error.fields())).append(" --");
        }
        return text.toString();
    }

    private static int indexOfIgnoreCase(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** A reason the whole job fails (state Failed with this errorMessage). */
    private static final class JobFailure extends RuntimeException {
        JobFailure(String message) {
            super(message);
        }
    }
}

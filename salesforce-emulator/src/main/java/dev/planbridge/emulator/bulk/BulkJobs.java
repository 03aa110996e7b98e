package dev.planbridge.emulator.bulk;

import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.FaultRules;
import dev.planbridge.emulator.org.FieldDef;
import dev.planbridge.emulator.org.FieldType;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.SalesforceIds;
import dev.planbridge.emulator.soql.CompiledQuery;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Bulk API 2.0 jobs of one emulator: creation with the documented checks, the rolling 24-hour allocations, and
 * asynchronous processing on a small executor of its own (so a long job never takes an HTTP worker).
 */
public final class BulkJobs implements AutoCloseable {

    /** The documented ingest operations. */
    public static final Set<String> INGEST_OPERATIONS = Set.of("insert", "update", "upsert", "delete", "hardDelete");

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private final Org org;
    private final FaultRules faults;
    private final QueryRunner queries;
    private final Map<String, IngestJob> ingestJobs = new ConcurrentSkipListMap<>();
    private final Map<String, QueryJob> queryJobs = new ConcurrentSkipListMap<>();
    private final AtomicLong jobSequence = new AtomicLong();
    private final RollingAllocation recordAllocation;
    private final RollingAllocation batchAllocation;
    private final RollingAllocation queryJobAllocation;
    private final ExecutorService executor;
    private volatile BulkLimits limits;

    public BulkJobs(Org org, FaultRules faults, Clock clock, BulkLimits limits, int processingThreads) {
        this.org = org;
        this.faults = faults;
        this.queries = new QueryRunner(org);
        this.limits = limits;
        this.recordAllocation = new RollingAllocation(clock);
        this.batchAllocation = new RollingAllocation(clock);
        this.queryJobAllocation = new RollingAllocation(clock);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(processingThreads, runnable -> {
            Thread thread = new Thread(runnable, "sf-emulator-bulk-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static String timestamp(Org org) {
        return TIMESTAMP.format(org.now());
    }

    public BulkLimits limits() {
        return limits;
    }

    /** Replaces the limits (tests lower them); jobs already processing keep the ones they started with. */
    public void setLimits(BulkLimits value) {
        limits = java.util.Objects.requireNonNull(value);
    }

    /** Records taken from the rolling 24-hour record allocation. */
    public long recordsUsed() {
        return recordAllocation.used();
    }

    // ------------------------------------------------------------------ ingest

    Map<String, Object> createIngest(String userId, String apiVersion, Map<String, Object> request) {
        String operation = text(request, "operation");
        String objectName = text(request, "object");
        if (operation == null || !INGEST_OPERATIONS.contains(operation)) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : Invalid operation: " + operation);
        }
        if (objectName == null) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : object is required");
        }
        ObjectDef object;
        try {
            object = org.requireObject(objectName);
        } catch (ApiFaultException e) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : Unable to find object: " + objectName);
        }
        String externalId = text(request, "externalIdFieldName");
        if (operation.equals("upsert")) {
            FieldDef key = externalId == null ? null : object.fieldDef(externalId);
            if (key == null || !(key.externalId() || key.type() == FieldType.ID)) {
                throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : The field " + externalId
                        + " is not an External ID or indexed field for " + object.name());
            }
            externalId = key.name();
        } else if (externalId != null) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : externalIdFieldName is only valid for "
                    + "upsert");
        }
        if (operation.equals("hardDelete") && !userId.equals(org.adminUserId())) {
            // Salesforce requires the "Bulk API Hard Delete" user permission; here the org's admin holds it.
            throw BulkApiException.badRequest("FEATURENOTENABLED", "FeatureNotEnabled : hardDelete requires the "
                    + "Bulk API Hard Delete permission");
        }
        String[] format = format(request);
        IngestJob job = new IngestJob(nextJobId(), object.name(), operation, externalId, format[0], format[1], userId,
                timestamp(org), apiVersion);
        ingestJobs.put(job.id, job);
        return job.info();
    }

    IngestJob ingest(String jobId) {
        IngestJob job = ingestJobs.get(jobId);
        if (job == null) {
            throw BulkApiException.notFound("The requested resource does not exist");
        }
        return job;
    }

    void upload(String jobId, byte[] csv) {
        IngestJob job = ingest(jobId);
        checkUploadSize(csv.length);
        job.upload(csv);
    }

    /** The documented limit counts base64-encoded content: 4 characters per 3 bytes. */
    void checkUploadSize(long bytes) {
        long base64Size = (bytes + 2L) / 3 * 4;
        if (base64Size > limits.maxUploadBytes()) {
            throw new BulkApiException(413, "EXCEEDED_MAX_SIZE", "The job data exceeds " + limits.maxUploadBytes()
                    + " bytes of base64 encoded content");
        }
    }

    Map<String, Object> changeIngestState(String jobId, String state) {
        IngestJob job = ingest(jobId);
        if ("UploadComplete".equals(state)) {
            job.uploadComplete(timestamp(org));
            IngestProcessor processor = new IngestProcessor(org, faults, limits, recordAllocation, batchAllocation);
            executor.execute(() -> processor.process(job));
        } else if ("Aborted".equals(state)) {
            JobState previous = job.abort(timestamp(org));
            if (previous != JobState.InProgress) {
                keepUploadAsUnprocessed(job);
            }
        } else {
            throw BulkApiException.badRequest("INVALIDJOBSTATE", "InvalidJobState : state must be UploadComplete or "
                    + "Aborted: " + state);
        }
        return job.info();
    }

    /** A job aborted before processing lists every uploaded row in unprocessedrecords (unreadable data: none). */
    private static void keepUploadAsUnprocessed(IngestJob job) {
        byte[] data = job.data();
        if (data == null) {
            return;
        }
        try {
            List<List<String>> rows = new BulkCsv(job.columnDelimiter, job.lineEnding)
                    .parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            if (!rows.isEmpty()) {
                job.abortedBeforeProcessing(rows.get(0), rows.subList(1, rows.size()));
            }
        } catch (BulkCsv.CsvException e) {
            // Salesforce could not have read these rows either; the file lists none.
        }
    }

    List<Map<String, Object>> ingestInfos() {
        List<Map<String, Object>> infos = new ArrayList<>();
        ingestJobs.values().forEach(job -> infos.add(job.info()));
        return infos;
    }

    void deleteIngest(String jobId) {
        IngestJob job = ingest(jobId);
        JobState state = job.state();
        if (state == JobState.Open || state == JobState.InProgress) {
            throw BulkApiException.invalidJobState("Job " + jobId + " can't be deleted in state " + state);
        }
        ingestJobs.remove(jobId);
    }

    // ------------------------------------------------------------------ query

    Map<String, Object> createQuery(String userId, String apiVersion, Map<String, Object> request) {
        String operation = text(request, "operation");
        String soql = text(request, "query");
        if (!"query".equals(operation) && !"queryAll".equals(operation)) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : operation must be query or queryAll: "
                    + operation);
        }
        if (soql == null || soql.isBlank()) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : query is required");
        }
        CompiledQuery compiled = queries.compile(soql);
        String[] format = format(request);
        if (!queryJobAllocation.tryTake(1, limits.dailyQueryJobs())) {
            throw BulkApiException.badRequest("EXCEEDEDQUOTA", "ExceededQuota : more than "
                    + limits.dailyQueryJobs() + " query jobs in the rolling 24-hour period");
        }
        QueryJob job = new QueryJob(nextJobId(), operation, soql, compiled.objectName(), format[0], format[1],
                userId, timestamp(org), apiVersion);
        queryJobs.put(job.id, job);
        executor.execute(() -> queries.run(job));
        return job.info();
    }

    QueryJob query(String jobId) {
        QueryJob job = queryJobs.get(jobId);
        if (job == null) {
            throw BulkApiException.notFound("The requested resource does not exist");
        }
        return job;
    }

    Map<String, Object> abortQuery(String jobId, String state) {
        QueryJob job = query(jobId);
        if (!"Aborted".equals(state)) {
            throw BulkApiException.badRequest("INVALIDJOBSTATE", "InvalidJobState : a query job can only be set to "
                    + "Aborted: " + state);
        }
        job.abort(timestamp(org));
        return job.info();
    }

    QueryRunner.Page queryResults(String jobId, String apiVersion, String locator, Integer maxRecords) {
        QueryJob job = query(jobId);
        if (!job.apiVersion.equals(apiVersion)) {
            // Documented: results must be read with the API version the job was created with.
            throw new BulkApiException(409, "INVALIDJOBSTATE", "Results must be read with API version "
                    + job.apiVersion);
        }
        return queries.page(job, locator, maxRecords);
    }

    List<Map<String, Object>> queryInfos() {
        List<Map<String, Object>> infos = new ArrayList<>();
        queryJobs.values().forEach(job -> infos.add(job.info()));
        return infos;
    }

    void deleteQuery(String jobId) {
        QueryJob job = query(jobId);
        if (job.state() == JobState.InProgress) {
            throw BulkApiException.invalidJobState("Job " + jobId + " can't be deleted in state InProgress");
        }
        queryJobs.remove(jobId);
    }

    // ------------------------------------------------------------------ shared

    private String nextJobId() {
        return SalesforceIds.of("750", jobSequence.incrementAndGet());
    }

    /** columnDelimiter and lineEnding, defaulted (COMMA, LF) and checked against the documented values. */
    private static String[] format(Map<String, Object> request) {
        String contentType = text(request, "contentType");
        if (contentType != null && !contentType.equals("CSV")) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : contentType must be CSV: " + contentType);
        }
        String delimiter = text(request, "columnDelimiter");
        String lineEnding = text(request, "lineEnding");
        delimiter = delimiter == null ? "COMMA" : delimiter;
        lineEnding = lineEnding == null ? "LF" : lineEnding;
        if (!BulkCsv.DELIMITERS.containsKey(delimiter)) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : Invalid columnDelimiter: " + delimiter);
        }
        if (!BulkCsv.LINE_ENDINGS.containsKey(lineEnding)) {
            throw BulkApiException.badRequest("INVALIDJOB", "InvalidJob : Invalid lineEnding: " + lineEnding);
        }
        return new String[] {delimiter, lineEnding};
    }

    private static String text(Map<String, Object> request, String key) {
        Object value = request.get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

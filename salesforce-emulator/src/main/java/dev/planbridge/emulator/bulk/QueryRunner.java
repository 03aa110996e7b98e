package dev.planbridge.emulator.bulk;

import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.ValueConverter;
import dev.planbridge.emulator.soql.CompiledQuery;
import dev.planbridge.emulator.soql.QueryRows;
import dev.planbridge.emulator.soql.ResultRow;
import dev.planbridge.emulator.soql.SoqlException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs query jobs through the org's SOQL engine and pages their results by locator: a locator names the offset of
 * the next row, is stable while the job exists (the documented rule) and is the string "null" after the last page.
 */
final class QueryRunner {

    /** Rows per page when the client sends no maxRecords (Salesforce sends "as many as fit"; this is ours). */
    static final int DEFAULT_PAGE_RECORDS = 100_000;

    /** One page of results. */
    record Page(String csv, int records, String nextLocator) {
    }

    private final Org org;

    QueryRunner(Org org) {
        this.org = org;
    }

    /** Compiles the query (for the create-job checks); throws the SOQL fault as a 400. */
    CompiledQuery compile(String soql) {
        try {
            CompiledQuery compiled = org.compile(soql);
            if (compiled.isCount()) {
                throw BulkApiException.badRequest("INVALIDJOB", "Aggregate queries (COUNT()) are not supported "
                        + "by Bulk API 2.0 query");
            }
            return compiled;
        } catch (SoqlException e) {
            throw BulkApiException.badRequest(e.exceptionCode(), e.getMessage());
        } catch (ApiFaultException e) {
            throw BulkApiException.badRequest(e.exceptionCode(), e.getMessage());
        }
    }

    void run(QueryJob job) {
        long started = System.currentTimeMillis();
        if (!job.start(BulkJobs.timestamp(org))) {
            return;
        }
        try {
            CompiledQuery compiled = org.compile(job.query);
            QueryRows result = org.query(job.query, job.operation.equals("queryAll"));
            List<String> header = compiled.selectedPaths();
            List<List<String>> cells = new ArrayList<>(result.rows().size());
            for (ResultRow row : result.rows()) {
                List<String> line = new ArrayList<>(header.size());
                for (String path : header) {
                    line.add(cell(row, path));
                }
                cells.add(line);
            }
            job.complete(header, cells, System.currentTimeMillis() - started, BulkJobs.timestamp(org));
        } catch (SoqlException e) {
            job.fail(e.exceptionCode() + " : " + e.getMessage(), BulkJobs.timestamp(org));
        } catch (ApiFaultException e) {
            job.fail(e.exceptionCode() + " : " + e.getMessage(), BulkJobs.timestamp(org));
        } catch (RuntimeException e) {
            // Never leave a job InProgress: clients poll until a terminal state.
            job.fail("InternalServerError : " + e, BulkJobs.timestamp(org));
        }
    }

    /** The value at "Field" or "Relationship.Field" (empty when a parent is missing, as Bulk CSV writes nulls). */
    private static String cell(ResultRow row, String path) {
        String[] parts = path.split("\\.");
        ResultRow current = row;
        for (int i = 0; i < parts.length; i++) {
            Object value = valueOf(current, parts[i]);
            if (i == parts.length - 1) {
                String text = value instanceof ResultRow ? null : ValueConverter.format(value);
                return text == null ? "" : text;
            }
            if (!(value instanceof ResultRow parent)) {
                return "";
            }
            current = parent;
        }
        return "";
    }

    private static Object valueOf(ResultRow row, String name) {
        if (name.equalsIgnoreCase("Id") && row.id() != null && !row.values().containsKey(name)) {
            return row.id();
        }
        for (var entry : row.values().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The page starting at the locator (null = the first page), at most maxRecords rows. */
    Page page(QueryJob job, String locator, Integer maxRecords) {
        if (job.state() != JobState.JobComplete) {
            throw BulkApiException.invalidJobState("Job " + job.id + " is not complete; its state is " + job.state());
        }
        int offset = locator == null ? 0 : decode(locator);
        List<List<String>> rows = job.rows();
        if (offset > rows.size()) {
            throw BulkApiException.badRequest("INVALIDLOCATOR", "Invalid locator: " + locator);
        }
        int size = maxRecords == null ? DEFAULT_PAGE_RECORDS : maxRecords;
        int end = (int) Math.min(rows.size(), (long) offset + size);
        BulkCsv csv = new BulkCsv(job.columnDelimiter, job.lineEnding);
        StringBuilder out = new StringBuilder();
        csv.writeRow(out, job.header());
        for (List<String> row : rows.subList(offset, end)) {
            csv.writeRow(out, row);
        }
        return new Page(out.toString(), end - offset, end < rows.size() ? encode(end) : "null");
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("row:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String locator) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.UTF_8);
            if (!text.startsWith("row:")) {
                throw new IllegalArgumentException(text);
            }
            int offset = Integer.parseInt(text.substring(4));
            if (offset < 0) {
                throw new IllegalArgumentException(text);
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw BulkApiException.badRequest("INVALIDLOCATOR", "Invalid locator: " + locator);
        }
    }
}

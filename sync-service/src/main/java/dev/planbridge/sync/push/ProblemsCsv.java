package dev.planbridge.sync.push;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The failures, skipped records and conflicts of a push as one CSV. */
final class ProblemsCsv {

    static final String[] HEADER = {"kind", "object", "record_key", "record_id", "field", "status", "error_code",
            "message", "base_value", "plan_value", "crm_value", "changed_by", "changed_at", "resolution"};

    private ProblemsCsv() {
    }

    static String render(List<PushOperation> problems, List<PushConflict> conflicts) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (PushOperation op : problems) {
                if (PushOperation.Status.CONFLICT.name().equals(op.status)) {
                    continue; // listed field by field below
                }
                csv.printRecord("operation", op.object, op.naturalKey, op.recordId != null ? op.recordId : op.sfId, "",
                        op.status, op.errorCode, op.error, "", "", "", "", "", "");
            }
            for (PushConflict c : conflicts) {
                csv.printRecord("conflict", c.object, c.naturalKey, c.recordId, c.field, c.held ? "HELD" : c.policy, "",
                        "", c.baseValue, c.planValue, c.crmValue,
                        c.changedByName != null ? c.changedByName : c.changedById,
                        c.changedAt == null ? "" : c.changedAt.toString(), c.resolution == null ? "" : c.resolution);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

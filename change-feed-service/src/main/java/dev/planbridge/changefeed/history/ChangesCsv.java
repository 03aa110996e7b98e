package dev.planbridge.changefeed.history;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The history as CSV, written page by page (bounded memory). */
final class ChangesCsv implements StreamingOutput {

    static final String[] HEADER = {"seq", "eventId", "object", "recordId", "op", "changedFields", "origin",
            "lastModifiedById", "lastModifiedByName", "systemModstamp", "publishedAt", "before", "after"};
    private static final int PAGE = 1000;

    private final HistoryRepository repository;
    private final FeedFilter filter;
    private final int maxRows;

    ChangesCsv(HistoryRepository repository, FeedFilter filter, int maxRows) {
        this.repository = repository;
        this.filter = filter;
        this.maxRows = maxRows;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            int written = 0;
            for (int page = 0; written < maxRows; page++) {
                HistoryRepository.Page rows = repository.find(filter, page, PAGE);
                for (StoredChange row : rows.items()) {
                    ChangeEvent e = row.event();
                    csv.printRecord(row.seq(), e.eventId(), e.object(), safe(e.id()), e.op().code(),
                            String.join(";", e.changedFields()), e.source().origin(), safe(e.source().lastModifiedById()),
                            safe(e.source().lastModifiedByName()), e.source().systemModstamp(),
                            Instant.ofEpochMilli(e.tsMs()), json(e.before()), json(e.after()));
                    written++;
                }
                if (rows.items().size() < PAGE) {
                    break;
                }
            }
        }
    }

    private static String json(Object value) {
        return value == null ? "" : safe(ContractsJson.write(value));
    }

    /** Spreadsheet programs run cells starting with = + - @ as formulas: such values get a leading quote. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
    }
}

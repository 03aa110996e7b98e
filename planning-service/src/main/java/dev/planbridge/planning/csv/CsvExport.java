package dev.planbridge.planning.csv;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Streams CSV with every text cell passed through {@link FormulaGuard}. */
public final class CsvExport {

    public static final String TEXT_CSV = "text/csv";

    @FunctionalInterface
    public interface RowSource {
        void rows(Consumer<List<?>> sink) throws Exception;
    }

    private CsvExport() {
    }

    public static StreamingOutput stream(List<String> header, RowSource source) {
        return output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
                printer.printRecord(header);
                source.rows(row -> {
                    try {
                        printer.printRecord(row.stream().map(FormulaGuard::cell).toList());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                printer.flush();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("CSV export failed", e);
            }
        };
    }
}

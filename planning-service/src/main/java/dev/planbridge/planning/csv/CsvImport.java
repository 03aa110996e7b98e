package dev.planbridge.planning.csv;

import dev.planbridge.planning.plan.FiscalPlan;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

/**
 * One upload on its way into one locked plan: what a {@link CsvKind} reads (the plan, the file, the import's
 * connection inside the request's transaction) and records into (the file's {@link RowErrors}), and the write
 * path of the small kinds — parse all, validate in Java, then {@link #upsert COPY and upsert}. The 100k-row kinds
 * stream through {@link #bulk()} instead.
 */
public final class CsvImport {

    private final Connection connection;
    private final FiscalPlan plan;
    private final CsvKind kind;
    private final String file;
    private final byte[] data;
    private final RowErrors errors;
    private final PhaseClock clock;

    CsvImport(Connection connection, FiscalPlan plan, CsvKind kind, String file, byte[] data, RowErrors errors,
              PhaseClock clock) {
        this.connection = connection;
        this.plan = plan;
        this.kind = kind;
        this.file = file;
        this.data = data;
        this.errors = errors;
        this.clock = clock;
    }

    public FiscalPlan plan() {
        return plan;
    }

    public UUID planId() {
        return plan.id;
    }

    public String file() {
        return file;
    }

    /** The upload's size, to size collections for its rows before parsing. */
    public int bytes() {
        return data.length;
    }

    public RowErrors errors() {
        return errors;
    }

    /** The import's connection, enlisted in the request's transaction: what a kind reads here sees its own writes. */
    public Connection connection() {
        return connection;
    }

    /** The whole file parsed into memory, for kinds of hundreds of rows (territories, rules, people, quotas). */
    public List<CsvUpload.Row> rows() {
        List<CsvUpload.Row> rows = CsvUpload.parse(file, data, kind.requiredColumns(), kind.optionalColumns());
        clock.mark("parse");
        return rows;
    }

    /** The streaming path of the 100k-row kinds: straight load, stage, set-based checks, merge. */
    public BulkLoad bulk() {
        return new BulkLoad(connection, plan.id, file, data, kind, errors, clock);
    }

    /** The first column of a query whose one parameter is the plan id. */
    public Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, planId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /**
     * COPYs validated rows into a temporary table {@code stage (stageColumns)} and runs {@code upsert} from it,
     * whose one parameter is the plan id (typically {@code INSERT … SELECT ?, … FROM stage ON CONFLICT … DO UPDATE}),
     * so importing the same file twice leaves the plan unchanged. COPY is PostgreSQL's bulk path: 100k rows in well
     * under a second.
     *
     * @param rows the cells of each row in the stage's column order (null for an empty cell)
     */
    public void upsert(String stageColumns, String upsert, List<Object[]> rows) throws SQLException, IOException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS stage");
            s.execute("CREATE TEMP TABLE stage (" + stageColumns + ") ON COMMIT DROP");
        }
        StringWriter buffer = new StringWriter(rows.size() * 64);
        try (CSVPrinter printer = new CSVPrinter(buffer, CSVFormat.POSTGRESQL_CSV)) {
            for (Object[] row : rows) {
                printer.printRecord(row);
            }
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        pg.getCopyAPI().copyIn("COPY stage FROM STDIN WITH (FORMAT csv)", new StringReader(buffer.toString()));
        try (PreparedStatement s = connection.prepareStatement(upsert)) {
            s.setObject(1, planId());
            s.executeUpdate();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE stage");
        }
        // the phase's name predates the split into kinds; the import log keeps it so earlier logs compare
        clock.mark("validate+write");
    }
}

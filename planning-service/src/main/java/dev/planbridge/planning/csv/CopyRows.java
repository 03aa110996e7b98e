package dev.planbridge.planning.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into a running {@code COPY ... FROM STDIN} in PostgreSQL's text format (tab-separated, {@code \N}
 * for null, backslash escapes) as they are parsed: rows are sent in 64 KiB chunks, so the database loads the first
 * rows while the rest of the file is still being read, and no copy of the whole file is built in memory.
 * Until {@link #finish()} the connection is busy with the COPY; {@link #close()} cancels an unfinished one, so a
 * refused file leaves the connection usable for the rollback.
 */
final class CopyRows implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final PGCopyOutputStream out;
    private final StringBuilder chunk = new StringBuilder(CHUNK + 1024);
    private long rows;
    private long waitNanos;

    CopyRows(Connection connection, String copySql) throws SQLException {
        out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, CHUNK);
    }

    /** Appends one row: its number, then the cells (null becomes SQL NULL). */
    void row(long number, String... cells) throws SQLException {
        chunk.append(number);
        for (String cell : cells) {
            chunk.append('\t');
            append(cell);
        }
        endRow();
    }

    /** Appends one row: a first cell the caller repeats on every row (the plan id), then the cells (null: NULL). */
    void cellsAfter(String first, String[] cells) throws SQLException {
        append(first);
        for (String cell : cells) {
            chunk.append('\t');
            append(cell);
        }
        endRow();
    }

    private void endRow() throws SQLException {
        chunk.append('\n');
        rows++;
        if (chunk.length() >= CHUNK) {
            flushChunk();
        }
    }

    /** Ends the COPY; returns the number of rows the database loaded. */
    long finish() throws SQLException {
        flushChunk();
        long start = System.nanoTime();
        long loaded = out.endCopy();
        waitNanos += System.nanoTime() - start;
        if (loaded != rows) {
            throw new IllegalStateException("COPY loaded " + loaded + " rows but " + rows + " were sent");
        }
        return loaded;
    }

    /**
     * Time spent handing chunks to the connection and waiting for the end of the COPY: when it is most of a load,
     * the database is the bottleneck; when it is small, parsing is.
     */
    long waitMillis() {
        return waitNanos / 1_000_000;
    }

    @Override
    public void close() throws SQLException {
        if (out.isActive()) {
            out.cancelCopy();
        }
    }

    /** Sends the buffered rows; a failed write is a database failure (SQLException), never a CSV problem. */
    private void flushChunk() throws SQLException {
        if (!chunk.isEmpty()) {
            try {
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                out.write(bytes);
                waitNanos += System.nanoTime() - start;
            } catch (IOException e) {
                throw new SQLException("COPY into the import stage failed", e);
            }
            chunk.setLength(0);
        }
    }

    private void append(String cell) {
        if (cell == null) {
            chunk.append("\\N");
            return;
        }
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            switch (ch) {
                case '\\' -> chunk.append("\\\\");
                case '\t' -> chunk.append("\\t");
                case '\n' -> chunk.append("\\n");
                case '\r' -> chunk.append("\\r");
                default -> chunk.append(ch);
            }
        }
    }
}

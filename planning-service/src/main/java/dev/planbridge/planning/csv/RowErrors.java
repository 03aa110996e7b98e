package dev.planbridge.planning.csv;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bad cells of one uploaded file, each with row and column, listed up to a cap; past the cap they are only
 * counted, so a file with 100k bad rows still answers with a readable problem that says how many there were.
 */
public final class RowErrors {

    private final String file;
    private final int cap;
    private final List<FieldError> listed = new ArrayList<>();
    private long total;

    public RowErrors(String file, int cap) {
        this.file = file;
        this.cap = cap;
    }

    public void add(long row, String column, String reason) {
        total++;
        if (listed.size() < cap) {
            listed.add(new FieldError(file, row, column, reason));
        }
    }

    /** Errors beyond the cap that a query counted but did not return. */
    public void addUnlisted(long count) {
        total += count;
    }

    /** True once the cap is reached: later checks could only add to the count, so a caller may stop early. */
    public boolean full() {
        return listed.size() >= cap;
    }

    public int cap() {
        return cap;
    }

    public List<FieldError> listed() {
        return List.copyOf(listed);
    }

    /** Cell checks and reference checks report separately; the planner reads them in row order. */
    public void sortByRow() {
        listed.sort(Comparator.comparing(e -> e.row() == null ? 0L : e.row()));
    }

    /** Refuses the file (400, nothing imported) when any error was found. */
    public void throwIfAny() {
        if (!listed.isEmpty()) {
            String more = total > listed.size() ? " (showing the first " + listed.size() + " of " + total + ")" : "";
            throw Problem.badRequest(file + " has " + total + " invalid cell(s); nothing was imported" + more, listed);
        }
    }
}

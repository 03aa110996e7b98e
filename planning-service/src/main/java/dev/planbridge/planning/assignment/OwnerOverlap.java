package dev.planbridge.planning.assignment;

import dev.planbridge.planning.common.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A territory has at most one Owner at any moment: Owner assignments of one territory must not overlap in time. */
public final class OwnerOverlap {

    public record Period(String territoryKey, String userId, String role, LocalDate start, LocalDate end) {
    }

    private OwnerOverlap() {
    }

    public static List<FieldError> check(List<Period> assignments) {
        Map<String, List<Period>> owners = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Period p : assignments) {
            if (p.end() != null && p.end().isBefore(p.start())) {
                errors.add(FieldError.of("endDate", p.userId() + " in " + p.territoryKey() + " ends " + p.end()
                        + " before it starts " + p.start()));
            }
            if ("Owner".equals(p.role())) {
                owners.computeIfAbsent(p.territoryKey(), k -> new ArrayList<>()).add(p);
            }
        }
        owners.forEach((territory, periods) -> {
            periods.sort(Comparator.comparing(Period::start));
            for (int i = 1; i < periods.size(); i++) {
                Period previous = periods.get(i - 1);
                Period next = periods.get(i);
                if (previous.end() == null || !previous.end().isBefore(next.start())) {
                    errors.add(FieldError.of("role", "territory " + territory + " would have two Owners at once: "
                            + previous.userId() + " (from " + previous.start() + (previous.end() == null ? ", open-ended"
                            : " to " + previous.end()) + ") and " + next.userId() + " (from " + next.start() + ")"));
                }
            }
        });
        return errors;
    }

    /** The Owner on a given day, or null (an over-carved, to-be-hired seat). */
    public static String ownerOn(List<Period> territoryAssignments, LocalDate day) {
        for (Period p : territoryAssignments) {
            if ("Owner".equals(p.role()) && !p.start().isAfter(day) && (p.end() == null || !p.end().isBefore(day))) {
                return p.userId();
            }
        }
        return null;
    }
}

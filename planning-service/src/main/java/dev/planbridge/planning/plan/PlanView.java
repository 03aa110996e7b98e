package dev.planbridge.planning.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A plan as the API shows it, with its fiscal calendar spelled out. */
public record PlanView(UUID id, String name, PlanStatus status, String author, long version,
                       LocalDate fiscalYearStart, LocalDate fiscalYearEnd, int startMonth, List<LocalDate> quarters,
                       Instant baselineAt, Instant baselineModstamp, UUID forkedFrom, boolean assignAccountOwners,
                       BigDecimal overAssignmentFactor, boolean autoPush, String submittedBy, Instant submittedAt, String decidedBy,
                       Instant decidedAt, String decisionComment, String checksum, String lastPushId,
                       Instant createdAt, Instant updatedAt) {

    public static PlanView of(FiscalPlan p) {
        FiscalCalendar calendar = p.calendar();
        return new PlanView(p.id, p.name, p.status, p.author, p.version, p.fiscalYearStart,
                calendar.endExclusive().minusDays(1), calendar.startMonth(), calendar.quarters(), p.baselineAt,
                p.baselineModstamp, p.forkedFrom, p.assignAccountOwners, p.overAssignmentFactor, p.autoPush, p.submittedBy,
                p.submittedAt, p.decidedBy, p.decidedAt, p.decisionComment, p.checksum, p.lastPushId, p.createdAt,
                p.updatedAt);
    }
}

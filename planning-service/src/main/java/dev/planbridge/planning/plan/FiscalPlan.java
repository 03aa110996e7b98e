package dev.planbridge.planning.plan;

import dev.planbridge.planning.common.Problem;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The plan aggregate. Its {@code version} is bumped by every change to the plan or any of its elements and is
 * the ETag clients send back in {@code If-Match}. State transitions live here so "can this happen?" has one answer.
 */
@Entity
@Table(name = "fiscal_plan")
public class FiscalPlan extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Column(name = "fiscal_year_start")
    public LocalDate fiscalYearStart;
    @Enumerated(EnumType.STRING)
    public PlanStatus status;
    public String author;
    public long version;
    @Column(name = "baseline_at")
    public Instant baselineAt;
    @Column(name = "baseline_modstamp")
    public Instant baselineModstamp;
    @Column(name = "forked_from")
    public UUID forkedFrom;
    @Column(name = "assign_account_owners")
    public boolean assignAccountOwners = true;
    @Column(name = "over_assignment_factor")
    public BigDecimal overAssignmentFactor = new BigDecimal("1.100");
    /** Whether the sync service starts an apply push on its own when the plan is approved (carried in PlanApproved). */
    @Column(name = "auto_push")
    public boolean autoPush;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_comment")
    public String decisionComment;
    public String checksum;
    @Column(name = "last_push_id")
    public String lastPushId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static FiscalPlan draft(String name, FiscalCalendar calendar, String author, Instant now) {
        FiscalPlan plan = new FiscalPlan();
        plan.id = UUID.randomUUID();
        plan.name = name;
        plan.fiscalYearStart = calendar.yearStart();
        plan.status = PlanStatus.DRAFT;
        plan.author = author;
        plan.version = 1;
        plan.createdAt = now;
        plan.updatedAt = now;
        return plan;
    }

    public FiscalCalendar calendar() {
        return new FiscalCalendar(fiscalYearStart);
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    /** Refuses changes to anything but a draft: approved plans are immutable (fork them instead). */
    public void ensureEditable() {
        if (status != PlanStatus.DRAFT) {
            throw Problem.conflict("Plan " + name + " is " + status + " and cannot be changed"
                    + (status == PlanStatus.IN_REVIEW ? "; reject it back to draft first" : "; fork it instead"));
        }
    }

    /** Sets auto-push; a plan under review may still change it (it is how the plan is executed, not its content). */
    public void changeAutoPush(boolean value) {
        if (status != PlanStatus.DRAFT && status != PlanStatus.IN_REVIEW) {
            throw Problem.conflict("Plan " + name + " is " + status + "; auto-push can only be changed before approval");
        }
        autoPush = value;
    }

    /** Records one more change. */
    public void touch(Instant now) {
        version++;
        updatedAt = now;
    }

    public void submit(String by, Instant now) {
        requireStatus(PlanStatus.DRAFT, "submitted");
        status = PlanStatus.IN_REVIEW;
        submittedBy = by;
        submittedAt = now;
        touch(now);
    }

    public void approve(String approver, String comment, String contentChecksum, Instant now) {
        requireStatus(PlanStatus.IN_REVIEW, "approved");
        if (approver.equals(author)) {
            throw Problem.forbidden("The author of a plan cannot approve it; another approver must");
        }
        status = PlanStatus.APPROVED;
        decidedBy = approver;
        decidedAt = now;
        decisionComment = comment;
        checksum = contentChecksum;
        touch(now);
    }

    public void reject(String approver, String comment, Instant now) {
        requireStatus(PlanStatus.IN_REVIEW, "rejected");
        if (comment == null || comment.isBlank()) {
            throw Problem.badRequest("A rejection needs a comment",
                    java.util.List.of(dev.planbridge.planning.common.FieldError.of("comment", "must not be blank")));
        }
        status = PlanStatus.DRAFT;
        decidedBy = approver;
        decidedAt = now;
        decisionComment = comment;
        touch(now);
    }

    /** A push started writing; only approved (or re-pushed) plans move. */
    public boolean markSyncing(String pushId, Instant now) {
        if (status == PlanStatus.APPROVED || status == PlanStatus.SYNCED || status == PlanStatus.PARTIALLY_SYNCED) {
            status = PlanStatus.SYNCING;
            lastPushId = pushId;
            updatedAt = now;
            return true;
        }
        return false;
    }

    /** A push finished; FAILED pushes leave the plan approved so it can be pushed again. */
    public boolean markSyncResult(String pushId, PlanStatus result, Instant now) {
        if (status != PlanStatus.APPROVED && status != PlanStatus.SYNCING && status != PlanStatus.SYNCED
                && status != PlanStatus.PARTIALLY_SYNCED) {
            return false;
        }
        status = result;
        lastPushId = pushId;
        updatedAt = now;
        return true;
    }

    /**
     * The plan's model went live; a pushed (or pushing) approved plan becomes ACTIVE, and stays so through later
     * follow-ups (markSyncing and markSyncResult leave an ACTIVE plan alone). False when nothing changed.
     */
    public boolean markActive(Instant now) {
        if (status != PlanStatus.APPROVED && status != PlanStatus.SYNCING && status != PlanStatus.SYNCED
                && status != PlanStatus.PARTIALLY_SYNCED) {
            return false;
        }
        status = PlanStatus.ACTIVE;
        updatedAt = now;
        return true;
    }

    /** Another plan's model went live and Salesforce archived this plan's: only an ACTIVE plan is archived. */
    public boolean markArchived(Instant now) {
        if (status != PlanStatus.ACTIVE) {
            return false;
        }
        status = PlanStatus.ARCHIVED;
        updatedAt = now;
        return true;
    }

    /** A newer approval for the same fiscal year replaced this one; only approved plans can be replaced. */
    public void supersede(Instant now) {
        if (status == PlanStatus.SUPERSEDED) {
            return;
        }
        if (!PlanStatus.EXECUTABLE.contains(status)) {
            throw Problem.conflict("Plan " + name + " is " + status + "; only an approved plan can be superseded");
        }
        status = PlanStatus.SUPERSEDED;
        updatedAt = now;
    }

    private void requireStatus(PlanStatus expected, String verb) {
        if (status != expected) {
            throw Problem.conflict("Plan " + name + " is " + status + "; only a " + expected + " plan can be " + verb);
        }
    }
}

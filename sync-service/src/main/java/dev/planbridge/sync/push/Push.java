package dev.planbridge.sync.push;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One push of a plan into the CRM (or a dry run, or the undo of a push). */
@Entity
@Table(name = "push")
public class Push extends PanacheEntityBase {

    public enum Status { QUEUED, WAITING, WRITING, COMPLETED, FAILED }

    public enum Kind { PUSH, FOLLOW_UP, UNDO }

    public static final String DRY_RUN = "dry-run";
    public static final String APPLY = "apply";

    @Id
    public UUID id;
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "plan_version")
    public Long planVersion;
    @Column(name = "plan_checksum")
    public String planChecksum;
    public String mode;
    public String kind;
    @Column(name = "parent_push_id")
    public UUID parentPushId;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> options;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String outcome;
    public String error;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> report;
    @Column(name = "api_calls")
    public long apiCalls;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "not_before")
    public Instant notBefore;
    @Column(name = "plan_attempts")
    public int planAttempts;
    @Column(name = "plan_saved_at")
    public Instant planSavedAt;
    @Column(name = "failed_step")
    public String failedStep;
    @Column(name = "step_failures")
    public int stepFailures;

    public boolean dryRun() {
        return DRY_RUN.equals(mode);
    }

    public boolean finished() {
        return Status.COMPLETED.name().equals(status) || Status.FAILED.name().equals(status);
    }
}

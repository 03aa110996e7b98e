package dev.planbridge.sync.activation;

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

/** One request to activate a plan's Territory2Model, now or at {@code runAt}, and how it went. */
@Entity
@Table(name = "activation")
public class Activation extends PanacheEntityBase {

    public enum Status { SCHEDULED, ACTIVATING, ACTIVE, FAILED }

    @Id
    public UUID id;
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "model_developer_name")
    public String modelDeveloperName;
    public String status;
    @Column(name = "run_at")
    public Instant runAt;
    @Column(name = "requested_by")
    public String requestedBy;
    public boolean forced;
    @Column(name = "force_reason")
    public String forceReason;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "forced_past")
    public Map<String, Object> forcedPast;
    @Column(name = "target_model_id")
    public String targetModelId;
    @Column(name = "archived_model_id")
    public String archivedModelId;
    @Column(name = "archived_model_name")
    public String archivedModelName;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "activating_since")
    public Instant activatingSince;
    @Column(name = "recreated_quotas")
    public Integer recreatedQuotas;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_until")
    public Instant leaseUntil;

    public boolean pending() {
        return Status.SCHEDULED.name().equals(status) || Status.ACTIVATING.name().equals(status);
    }
}

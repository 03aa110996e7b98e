package dev.planbridge.sync.push;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A field the CRM changed since the plan's baseline, and how someone resolved it. */
@Entity
@Table(name = "push_conflict")
public class PushConflict extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "push_id")
    public UUID pushId;
    public String object;
    @Column(name = "natural_key")
    public String naturalKey;
    @Column(name = "record_id")
    public String recordId;
    public String field;
    @Column(name = "base_value")
    public String baseValue;
    @Column(name = "plan_value")
    public String planValue;
    @Column(name = "crm_value")
    public String crmValue;
    @Column(name = "changed_by_id")
    public String changedById;
    @Column(name = "changed_by_name")
    public String changedByName;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String policy;
    public boolean held;
    public String resolution;
    @Column(name = "resolved_value")
    public String resolvedValue;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "applied_push_id")
    public UUID appliedPushId;
}

package dev.planbridge.sync.push;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An approved plan version seen on {@code plan.events}; the event id makes redelivery harmless. */
@Entity
@Table(name = "plan_approval")
public class PlanApproval extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "plan_version")
    public long planVersion;
    public String checksum;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "auto_push")
    public boolean autoPush;
    @Column(name = "push_id")
    public UUID pushId;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static PlanApproval latest(String planId) {
        return find("planId = ?1 order by planVersion desc, receivedAt desc", planId).firstResult();
    }
}

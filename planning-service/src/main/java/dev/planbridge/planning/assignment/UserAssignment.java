package dev.planbridge.planning.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A person in a territory with a role (Owner, Overlay, Manager) for a period. */
@Entity
@Table(name = "user_assignment")
public class UserAssignment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "territory_key")
    public String territoryKey;
    @Column(name = "user_id")
    public String userId;
    public String role;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "end_date")
    public LocalDate endDate;
    @Column(name = "split_percent")
    public BigDecimal splitPercent;

    public OwnerOverlap.Period period() {
        return new OwnerOverlap.Period(territoryKey, userId, role, startDate, endDate);
    }
}

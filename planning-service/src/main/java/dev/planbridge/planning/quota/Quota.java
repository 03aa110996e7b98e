package dev.planbridge.planning.quota;

import dev.planbridge.planning.plan.FiscalCalendar;
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

/** A quota target for a user and/or territory in one fiscal period; ramped when a ramp profile is set. */
@Entity
@Table(name = "quota")
public class Quota extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "territory_key")
    public String territoryKey;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_type")
    public String periodType;
    public BigDecimal amount;
    public BigDecimal quantity;
    @Column(name = "forecasting_type")
    public String forecastingType;
    @Column(name = "ramp_profile")
    public String rampProfile;
    @Column(name = "ramp_start")
    public LocalDate rampStart;

    /** The amount this period really carries after the ramp. */
    public BigDecimal effectiveAmount(FiscalCalendar calendar) {
        return effective(amount, calendar);
    }

    public BigDecimal effectiveQuantity(FiscalCalendar calendar) {
        return effective(quantity, calendar);
    }

    private BigDecimal effective(BigDecimal full, FiscalCalendar calendar) {
        if (full == null || rampProfile == null) {
            return full;
        }
        return RampProfile.parse(rampProfile).apply(full, calendar, rampStart == null ? calendar.yearStart() : rampStart,
                periodStart);
    }
}

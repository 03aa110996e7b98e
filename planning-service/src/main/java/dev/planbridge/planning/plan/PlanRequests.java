package dev.planbridge.planning.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the plan endpoints. */
public final class PlanRequests {

    private PlanRequests() {
    }

    /**
     * @param fiscalYearStart first day of the fiscal year (the first of a month)
     * @param assignAccountOwners whether the plan sets Account.OwnerId to its territory's Owner
     * @param overAssignmentFactor how much more than a parent's quota its children may carry (1.10 = 110 %)
     * @param autoPush whether the sync service pushes the plan on its own once approved (default false)
     */
    public record Create(@NotBlank @Size(max = 120) String name, @NotNull LocalDate fiscalYearStart,
                         Boolean assignAccountOwners,
                         @DecimalMin("1.0") @DecimalMax("3.0") BigDecimal overAssignmentFactor,
                         Boolean autoPush) {
    }

    /** Settings of a draft; a plan in review accepts {@code autoPush} alone. Absent fields stay as they are. */
    public record Update(@Size(min = 1, max = 120) String name, Boolean assignAccountOwners,
                         @DecimalMin("1.0") @DecimalMax("3.0") BigDecimal overAssignmentFactor,
                         Boolean autoPush) {

        boolean onlyAutoPush() {
            return autoPush != null && name == null && assignAccountOwners == null && overAssignmentFactor == null;
        }
    }

    public record Fork(@NotBlank @Size(max = 120) String name) {
    }

    public record Decision(@Size(max = 2000) String comment) {
    }

    public record BaselineRefresh(@NotNull @Size(min = 1, max = 10000) List<@NotBlank String> accountIds) {
    }
}

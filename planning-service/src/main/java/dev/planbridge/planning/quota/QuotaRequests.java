package dev.planbridge.planning.quota;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Request and response bodies of quota targets. */
public final class QuotaRequests {

    private QuotaRequests() {
    }

    /**
     * @param periodType  Month, Quarter or Year
     * @param rampProfile e.g. "25/50/75/100": share of the target per quarter from {@code rampStart}
     */
    public record Quota(String userId, String territoryKey, @NotNull LocalDate periodStart, @NotNull String periodType,
                        @PositiveOrZero BigDecimal amount, @PositiveOrZero BigDecimal quantity,
                        @Size(max = 80) String forecastingType, String rampProfile, LocalDate rampStart) {
    }

    public record View(long id, String userId, String territoryKey, LocalDate periodStart, String periodType,
                       BigDecimal amount, BigDecimal quantity, String forecastingType, String rampProfile,
                       LocalDate rampStart, BigDecimal effectiveAmount, BigDecimal effectiveQuantity) {
    }
}

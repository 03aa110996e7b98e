package dev.planbridge.planning.assignment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request and response bodies for rules, overrides, exclusions and user assignments. */
public final class AssignmentRequests {

    private AssignmentRequests() {
    }

    public record Rule(@NotBlank @Size(max = 120) String name, @NotNull @Min(0) Integer position,
                       @NotBlank String territoryKey, @NotNull @Valid RuleCriteria criteria) {
    }

    public record RuleView(long id, String name, int position, String territoryKey, RuleCriteria criteria) {
    }

    public record Override(@NotBlank String territoryKey, @NotBlank @Size(max = 500) String reason) {
    }

    public record OverrideView(String accountId, String territoryKey, String reason) {
    }

    public record Exclusion(@NotBlank String accountId, @NotBlank String territoryKey, @Size(max = 500) String reason) {
    }

    public record UserAssignment(@NotBlank String territoryKey, @NotBlank String userId,
                                 @NotNull @Pattern(regexp = "Owner|Overlay|Manager", message = "must be Owner, Overlay or Manager") String role,
                                 @NotNull LocalDate startDate, LocalDate endDate,
                                 @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal splitPercent) {
    }

    public record UserAssignmentView(long id, String territoryKey, String userId, String role, LocalDate startDate,
                                     LocalDate endDate, BigDecimal splitPercent) {
    }

    /** The answer to "why is this account where it is?". */
    public record Explanation(String accountId, String accountName, String territoryKey, String source,
                              String assignedBy, Long ruleId, String ruleName, String overrideReason,
                              List<String> excludedFrom, List<String> steps) {
    }
}

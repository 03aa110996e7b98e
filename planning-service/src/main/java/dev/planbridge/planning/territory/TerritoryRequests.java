package dev.planbridge.planning.territory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request and response bodies for territory types and territories. */
public final class TerritoryRequests {

    private TerritoryRequests() {
    }

    public record Type(@NotBlank @Size(max = 80) String key, @NotBlank @Size(max = 80) String label,
                       @NotNull @Min(1) @Max(999) Integer priority) {
    }

    /** {@code parentKey} null makes a root; {@code headcountCapacity} is the seats the territory may carry. */
    public record Territory(@NotBlank @Size(max = 80) String key, @NotBlank @Size(max = 80) String name,
                            @NotBlank String typeKey, String parentKey, @PositiveOrZero Integer headcountCapacity) {
    }

    public record View(String key, String name, String typeKey, String parentKey, Integer headcountCapacity) {
        static View of(dev.planbridge.planning.territory.Territory t) {
            return new View(t.key, t.name, t.typeKey, t.parentKey, t.headcountCapacity);
        }
    }
}

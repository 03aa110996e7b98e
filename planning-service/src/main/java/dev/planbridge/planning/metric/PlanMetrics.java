package dev.planbridge.planning.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.planbridge.planning.assignment.RuleCriteria;
import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import dev.planbridge.planning.crm.AccountFieldCatalog.AccountField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The balancer metrics a plan chose, in column order, and the numeric Account field that is its "potential"
 * (AnnualRevenue when none is set).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanMetrics(String potentialField, List<Metric> metrics) {

    public static final String DEFAULT_POTENTIAL = "AnnualRevenue";

    /**
     * One metric.
     *
     * @param kind   a {@link MetricKind} api name
     * @param field  the numeric field of {@code sum} and {@code average}
     * @param filter the items and boolean filter of {@code countMatching}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(String label, String kind, String field, RuleCriteria filter) {
    }

    public PlanMetrics {
        potentialField = potentialField == null || potentialField.isBlank() ? null : potentialField.trim();
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** What a plan shows before anyone chose: the balancer's columns as they always were. */
    public static PlanMetrics defaults() {
        return new PlanMetrics(null, List.of(new Metric("Accounts", "accountCount", null, null),
                new Metric("Potential", "sum", DEFAULT_POTENTIAL, null),
                new Metric("Open pipeline", "openPipeline", null, null), new Metric("Quota", "quota", null, null)));
    }

    public String potential() {
        return potentialField == null ? DEFAULT_POTENTIAL : potentialField;
    }

    /** Everything wrong, each with its JSON path (e.g. {@code metrics[2].field}); empty when fine. */
    public List<FieldError> problems(AccountFieldCatalog catalog) {
        List<FieldError> problems = new ArrayList<>();
        if (potentialField != null) {
            numericField(catalog, potentialField).ifPresent(r -> problems.add(FieldError.of("potentialField", r)));
        }
        if (metrics.isEmpty()) {
            problems.add(FieldError.of("metrics", "choose at least one metric"));
        }
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String path = "metrics[" + (i + 1) + "]";
            Metric metric = metrics.get(i);
            if (metric == null) {
                problems.add(FieldError.of(path, "the metric is empty"));
                continue;
            }
            if (metric.label() == null || metric.label().isBlank()) {
                problems.add(FieldError.of(path + ".label", "required"));
            } else if (!labels.add(metric.label().trim().toLowerCase())) {
                problems.add(FieldError.of(path + ".label", "'" + metric.label() + "' is used by another metric"));
            }
            Optional<MetricKind> kind = MetricKind.of(metric.kind());
            if (kind.isEmpty()) {
                problems.add(FieldError.of(path + ".kind", "unknown kind '" + metric.kind() + "'; one of "
                        + Arrays.stream(MetricKind.values()).map(MetricKind::apiName).collect(Collectors.joining(", "))));
                continue;
            }
            if (kind.get().needsField()) {
                if (metric.field() == null || metric.field().isBlank()) {
                    problems.add(FieldError.of(path + ".field", "'" + kind.get().apiName() + "' needs a numeric field"));
                } else {
                    numericField(catalog, metric.field()).ifPresent(r -> problems.add(FieldError.of(path + ".field", r)));
                }
            }
            if (kind.get() == MetricKind.COUNT_MATCHING) {
                if (metric.filter() == null || metric.filter().items().isEmpty()) {
                    problems.add(FieldError.of(path + ".filter", "'countMatching' needs items to match"));
                } else {
                    metric.filter().problems(catalog).forEach(p ->
                            problems.add(FieldError.of(path + ".filter." + p.path(), p.reason())));
                }
            }
        }
        return problems;
    }

    private static Optional<String> numericField(AccountFieldCatalog catalog, String name) {
        Optional<AccountField> field = catalog.find(name);
        if (field.isEmpty()) {
            return Optional.of("unknown Account field '" + name + "'; numeric fields: " + numericNames(catalog));
        }
        if (!field.get().type().numeric()) {
            return Optional.of(field.get().name() + " is " + field.get().type().name().toLowerCase()
                    + ", not a number; numeric fields: " + numericNames(catalog));
        }
        return Optional.empty();
    }

    private static String numericNames(AccountFieldCatalog catalog) {
        return catalog.fields().stream().filter(f -> f.type().numeric()).map(AccountField::name)
                .collect(Collectors.joining(", "));
    }
}

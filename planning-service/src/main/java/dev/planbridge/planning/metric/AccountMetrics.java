package dev.planbridge.planning.metric;

import dev.planbridge.planning.assignment.AccountFacts;
import dev.planbridge.planning.assignment.CompiledCriteria;
import dev.planbridge.planning.crm.AccountFieldCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * A plan's metrics prepared for the balancer's incremental aggregates: each account contributes one number per
 * metric once (when it is loaded), and a territory's value is the sum of its accounts' contributions, so moving an
 * account adds and subtracts arrays instead of recomputing the territory.
 */
public final class AccountMetrics {

    private final PlanMetrics settings;
    private final MetricKind[] kinds;
    private final Function<AccountFacts, Object>[] readers;
    private final CompiledCriteria[] filters;
    private final Function<AccountFacts, Object> potential;

    @SuppressWarnings("unchecked")
    private AccountMetrics(PlanMetrics settings, AccountFieldCatalog catalog) {
        this.settings = settings;
        int n = settings.metrics().size();
        kinds = new MetricKind[n];
        readers = new Function[n];
        filters = new CompiledCriteria[n];
        for (int i = 0; i < n; i++) {
            PlanMetrics.Metric metric = settings.metrics().get(i);
            kinds[i] = MetricKind.of(metric.kind()).orElseThrow();
            if (kinds[i].needsField()) {
                readers[i] = AccountFacts.reader(metric.field()).orElseThrow();
            }
            if (kinds[i] == MetricKind.COUNT_MATCHING) {
                filters[i] = CompiledCriteria.compile(metric.filter(), catalog);
            }
        }
        potential = AccountFacts.reader(settings.potential()).orElseThrow();
    }

    /**
     * @throws IllegalArgumentException naming the first problem when the settings do not fit the catalog
     */
    public static AccountMetrics compile(PlanMetrics settings, AccountFieldCatalog catalog) {
        var problems = settings.problems(catalog);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).field() + ": " + problems.get(0).reason());
        }
        return new AccountMetrics(settings, catalog);
    }

    public List<PlanMetrics.Metric> metrics() {
        return settings.metrics();
    }

    public PlanMetrics settings() {
        return settings;
    }

    /** The account's value of the plan's potential field, 0 when empty. */
    public BigDecimal potential(AccountFacts account) {
        BigDecimal value = number(potential.apply(account));
        return value == null ? BigDecimal.ZERO : value;
    }

    /** One entry per metric: what this account adds to its territory; null where it does not count (an empty field of an average, the quota). */
    public BigDecimal[] contributions(AccountFacts account, BigDecimal openPipeline) {
        BigDecimal[] values = new BigDecimal[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            values[i] = switch (kinds[i]) {
                case ACCOUNT_COUNT -> BigDecimal.ONE;
                case SUM -> {
                    BigDecimal v = number(readers[i].apply(account));
                    yield v == null ? BigDecimal.ZERO : v;
                }
                case AVERAGE -> number(readers[i].apply(account));
                case COUNT_MATCHING -> filters[i].matches(account) ? BigDecimal.ONE : BigDecimal.ZERO;
                case OPEN_PIPELINE -> openPipeline == null ? BigDecimal.ZERO : openPipeline;
                case QUOTA -> null;
            };
        }
        return values;
    }

    /**
     * A territory's metric values from its accounts' summed contributions.
     *
     * @param counts how many accounts contributed to each sum
     * @param quota  the territory's quota, null when it has none
     */
    public BigDecimal[] values(BigDecimal[] sums, long[] counts, BigDecimal quota) {
        BigDecimal[] values = new BigDecimal[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            values[i] = switch (kinds[i]) {
                case AVERAGE -> counts[i] == 0 ? null
                        : sums[i].divide(BigDecimal.valueOf(counts[i]), 2, RoundingMode.HALF_UP);
                case QUOTA -> quota;
                default -> sums[i];
            };
        }
        return values;
    }

    private static BigDecimal number(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof Integer || raw instanceof Long) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        try {
            return new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

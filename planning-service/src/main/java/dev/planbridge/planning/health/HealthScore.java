package dev.planbridge.planning.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's data-quality score: each part scores {@code 100 × (1 − offending ÷ population)} and the plan's score is
 * their weighted mean. Weights favour what silently misroutes accounts (missing fields, unassigned accounts) over
 * what only makes a report less trustworthy. The weights are documented in docs/planning.md.
 */
public final class HealthScore {

    /** The parts, their weights (summing to 100) and what their population is. */
    public enum Part {
        MISSING_FIELDS(25, "accounts missing a field the rules or metrics read"),
        UNASSIGNED(20, "accounts no rule or override places"),
        OUTSIDE_PICKLIST(10, "accounts with a picklist value the org does not list"),
        STALE(10, "accounts not modified in the CRM for the stale period"),
        DUPLICATES(10, "accounts sharing a normalised name and country with another"),
        TBH_SEATS(10, "territories without an Owner"),
        QUOTA_COVERAGE(10, "territories whose quota ÷ potential is outside the band of their siblings"),
        INACTIVE_HOLDERS(5, "people holding territories who are inactive in the CRM");

        public final int weight;
        public final String measures;

        Part(int weight, String measures) {
            this.weight = weight;
            this.measures = measures;
        }
    }

    /**
     * One scored part.
     *
     * @param details lines a planner acts on, e.g. "812 accounts fall through to Unassigned because BillingCountry is empty"
     */
    public record PartScore(Part part, int weight, long offending, long population, int score, List<String> details) {
    }

    private HealthScore() {
    }

    public static PartScore part(Part part, long offending, long population, List<String> details) {
        int score = population == 0 ? 100
                : (int) Math.round(100.0 * (1.0 - Math.min(1.0, (double) offending / population)));
        return new PartScore(part, part.weight, offending, population, score, List.copyOf(details));
    }

    /** The weighted mean of the parts' scores, 0–100. */
    public static int overall(List<PartScore> parts) {
        long weighted = 0;
        long weights = 0;
        for (PartScore p : parts) {
            weighted += (long) p.weight() * p.score();
            weights += p.weight();
        }
        return weights == 0 ? 100 : (int) Math.round((double) weighted / weights);
    }

    /**
     * The duplicate key of an account: lower case, punctuation and common legal suffixes dropped, with the country,
     * so "Acme, Inc." and "ACME Inc" in the same country collide and "Acme GmbH" in Germany does not.
     */
    public static String duplicateKey(String name, String country) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String normalised = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ")
                .replaceAll("\\b(inc|incorporated|llc|ltd|limited|gmbh|ag|sa|sas|bv|plc|corp|corporation|co|company)\\b", " ")
                .replaceAll("\\s+", " ").trim();
        return normalised.isEmpty() ? null : normalised + "|" + (country == null ? "" : country.trim().toLowerCase());
    }

    /** The parts in their documented order, for callers that build them one by one. */
    public static List<PartScore> ordered(List<PartScore> parts) {
        List<PartScore> sorted = new ArrayList<>(parts);
        sorted.sort(java.util.Comparator.comparing(p -> p.part().ordinal()));
        return sorted;
    }
}

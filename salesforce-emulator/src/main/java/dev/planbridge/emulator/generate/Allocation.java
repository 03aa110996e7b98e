package dev.planbridge.emulator.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits people over weighted units (e.g. sales managers over territories) the way a sales org is staffed: with at
 * least as many people as units every unit gets at least one person and the rest go by weight (largest remainder);
 * with fewer people each person covers a contiguous run of units of about equal total weight. Every unit is covered.
 */
final class Allocation {

    private Allocation() {
    }

    /**
     * The units each of {@code people} persons covers (in order); every unit appears in at least one list.
     *
     * @param weights positive weight per unit
     */
    static List<List<Integer>> assign(int people, double[] weights) {
        if (people < 1) {
            throw new IllegalArgumentException("need at least one person, got " + people);
        }
        int units = weights.length;
        if (units == 0) {
            throw new IllegalArgumentException("need at least one unit");
        }
        List<List<Integer>> result = new ArrayList<>(people);
        if (people >= units) {
            int[] perUnit = apportion(people, weights);
            for (int unit = 0; unit < units; unit++) {
                for (int i = 0; i < perUnit[unit]; i++) {
                    result.add(List.of(unit));
                }
            }
            return result;
        }
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        int unit = 0;
        double covered = 0;
        for (int person = 0; person < people; person++) {
            List<Integer> run = new ArrayList<>();
            double target = total * (person + 1) / people;
            int unitsLeftAfter = people - person - 1;
            // Take units until this person's share is reached, leaving at least one unit per remaining person.
            while (unit < units) {
                boolean mustTake = run.isEmpty() || unitsLeftAfter == 0;
                boolean mayTake = units - unit > unitsLeftAfter;
                boolean wantsMore = covered + weights[unit] / 2 <= target;
                if (!mustTake && !(mayTake && wantsMore)) {
                    break;
                }
                run.add(unit);
                covered += weights[unit];
                unit++;
            }
            result.add(run);
        }
        return result;
    }

    /** Splits {@code count} into per-unit counts, each ≥ 1 (count ≥ units), proportional to weight otherwise. */
    static int[] apportion(int count, double[] weights) {
        int units = weights.length;
        int[] result = new int[units];
        int free = count - units;
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double[] remainders = new double[units];
        int given = 0;
        for (int i = 0; i < units; i++) {
            double exact = free * weights[i] / total;
            result[i] = 1 + (int) Math.floor(exact);
            remainders[i] = exact - Math.floor(exact);
            given += result[i];
        }
        while (given < count) {
            int best = 0;
            for (int i = 1; i < units; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            result[best]++;
            remainders[best] = -1;
            given++;
        }
        return result;
    }
}

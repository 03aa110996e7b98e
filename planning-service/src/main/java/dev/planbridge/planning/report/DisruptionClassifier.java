package dev.planbridge.planning.report;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classifies how a plan changes who holds each account compared with a reference (the baseline or the live CRM):
 * per holder (a rep or a territory) the accounts kept, gained and lost, the share of their book that moves,
 * the open pipeline that moves, and accounts taken from a rep who has open opportunities on them.
 */
public final class DisruptionClassifier {

    /** One account: who holds it in the reference, who holds it in the plan, and its open pipeline. */
    public record Move(String accountId, String before, String after, BigDecimal openPipeline,
                       long openOpportunities) {
    }

    public static final class Holder {
        public final String holder;
        /** What a person reads for {@link #holder}: the user's or territory's name (null when unknown). */
        public String name;
        public long kept;
        public long gained;
        public long lost;
        public BigDecimal pipelineGained = BigDecimal.ZERO;
        public BigDecimal pipelineLost = BigDecimal.ZERO;
        public long lostWithOpenOpportunities;

        Holder(String holder) {
            this.holder = holder;
        }

        /** Lost accounts as a share of the accounts held in the reference. */
        public double bookMovedPercent() {
            long before = kept + lost;
            return before == 0 ? 0 : 100.0 * lost / before;
        }
    }

    public record Summary(long accounts, long moved, double movedPercent, BigDecimal pipelineMoving,
                          long movedWithOpenOpportunities, List<Holder> holders) {
    }

    private DisruptionClassifier() {
    }

    public static Summary classify(Iterable<Move> moves) {
        Map<String, Holder> holders = new HashMap<>();
        long accounts = 0;
        long moved = 0;
        long movedWithOpen = 0;
        BigDecimal pipeline = BigDecimal.ZERO;
        for (Move move : moves) {
            accounts++;
            String before = move.before() == null ? "(none)" : move.before();
            String after = move.after() == null ? "(none)" : move.after();
            BigDecimal open = move.openPipeline() == null ? BigDecimal.ZERO : move.openPipeline();
            if (before.equals(after)) {
                holders.computeIfAbsent(before, Holder::new).kept++;
                continue;
            }
            moved++;
            pipeline = pipeline.add(open);
            Holder loser = holders.computeIfAbsent(before, Holder::new);
            loser.lost++;
            loser.pipelineLost = loser.pipelineLost.add(open);
            if (move.openOpportunities() > 0) {
                loser.lostWithOpenOpportunities++;
                movedWithOpen++;
            }
            Holder winner = holders.computeIfAbsent(after, Holder::new);
            winner.gained++;
            winner.pipelineGained = winner.pipelineGained.add(open);
        }
        double percent = accounts == 0 ? 0 : 100.0 * moved / accounts;
        return new Summary(accounts, moved, percent, pipeline, movedWithOpen,
                List.copyOf(new TreeMap<>(holders).values()));
    }
}

package dev.planbridge.sync.domain;

import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.support.problem.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A plan's desired state, as read from its NDJSON stream (header first). */
public record DesiredPlan(PlanElement.Header header, List<PlanElement.TerritoryType> types,
                          List<PlanElement.Territory> territories, List<PlanElement.UserAssignment> userAssignments,
                          List<PlanElement.Account> accounts, List<PlanElement.Quota> quotas) {

    public static DesiredPlan of(Iterable<PlanElement> elements) {
        Iterator<PlanElement> it = elements.iterator();
        if (!it.hasNext()) {
            throw new InvalidPlanException("The desired-state stream is empty; it must start with a header");
        }
        PlanElement first = it.next();
        if (!(first instanceof PlanElement.Header header)) {
            throw new InvalidPlanException("The desired-state stream must start with a header, not " + first.getClass().getSimpleName());
        }
        if (header.schemaVersion() != PlanElement.Header.SCHEMA_VERSION) {
            throw new InvalidPlanException("Unsupported desired-state schema version " + header.schemaVersion());
        }
        List<PlanElement.TerritoryType> types = new ArrayList<>();
        List<PlanElement.Territory> territories = new ArrayList<>();
        List<PlanElement.UserAssignment> users = new ArrayList<>();
        List<PlanElement.Account> accounts = new ArrayList<>();
        List<PlanElement.Quota> quotas = new ArrayList<>();
        while (it.hasNext()) {
            PlanElement element = it.next();
            if (element instanceof PlanElement.TerritoryType t) {
                types.add(t);
            } else if (element instanceof PlanElement.Territory t) {
                territories.add(t);
            } else if (element instanceof PlanElement.UserAssignment u) {
                users.add(u);
            } else if (element instanceof PlanElement.Account a) {
                accounts.add(a);
            } else if (element instanceof PlanElement.Quota q) {
                quotas.add(q);
            } else {
                throw new InvalidPlanException("A second header in the desired-state stream");
            }
        }
        return new DesiredPlan(header, types, territories, users, accounts, quotas);
    }

    /** The plan cannot be pushed at all (as opposed to single bad records, which are skipped). */
    public static class InvalidPlanException extends ProblemException {
        public InvalidPlanException(String message) {
            super(400, "Bad request", message);
        }
    }
}

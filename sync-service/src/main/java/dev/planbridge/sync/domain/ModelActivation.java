package dev.planbridge.sync.domain;

import dev.planbridge.salesforce.Soql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CRM side of activating a plan's Territory2Model, in steps a scheduler can repeat after a crash: read what the
 * archive of the current Active model will delete, ask Salesforce to activate the new model (an asynchronous job:
 * Activating, then Active), read where the job is, re-create the saved quotas that still apply. Each step reads the
 * org first, so running it again does nothing twice.
 */
public final class ModelActivation {

    public static final String PLANNING = "Planning";
    public static final String ACTIVATING = "Activating";
    public static final String ACTIVE = "Active";

    /** A Territory2Model as read from the org. */
    public record Model(String id, String developerName, String name, String state) {
    }

    /** What activating {@code target} will do: archive {@code current} (if any) and delete {@code quotas}. */
    public record Preview(Model target, Model current, List<QuotaCarryOver.SavedQuota> quotas) {
    }

    /** The org refused the activation or is not in a state that allows it; retrying as is won't help. */
    public static final class Rejected extends Exception {
        private final String code;

        public Rejected(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final String MODEL_FIELDS = "SELECT Id, DeveloperName, Name, State FROM Territory2Model";

    private final CrmGateway crm;

    public ModelActivation(CrmGateway crm) {
        this.crm = crm;
    }

    /** The target model and what its activation will archive; the target must exist and not be Archived. */
    public Preview preview(String targetDeveloperName) throws CrmCallException, Rejected {
        Model target = one(crm.query(MODEL_FIELDS + " WHERE DeveloperName IN (" + Soql.quote(targetDeveloperName) + ")"))
                .orElseThrow(() -> new Rejected("MODEL_NOT_FOUND", "no Territory2Model " + targetDeveloperName
                        + " in the org; push the plan first"));
        if (!List.of(PLANNING, ACTIVATING, ACTIVE).contains(target.state())) {
            throw new Rejected("MODEL_NOT_ACTIVATABLE", "Territory2Model " + targetDeveloperName + " is "
                    + target.state() + "; only a Planning model can be activated");
        }
        Model current = null;
        for (CrmRecord record : crm.query(MODEL_FIELDS + " WHERE State IN (" + Soql.quote(ACTIVE) + ")")) {
            if (!record.id().equals(target.id())) {
                current = model(record);
            }
        }
        List<QuotaCarryOver.SavedQuota> quotas = current == null ? List.of() : quotasOf(current.id());
        return new Preview(target, current, quotas);
    }

    /** Asks the org to activate the model (stored as Activating until Salesforce's job ends). */
    public void requestActivation(Model target) throws CrmCallException, Rejected {
        if (!PLANNING.equals(target.state())) {
            return; // already requested (or done) by an earlier run
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Id", target.id());
        values.put("State", ACTIVE);
        WriteResult result = crm.update(SObjectType.TERRITORY2_MODEL, List.of(values)).get(0);
        if (!result.success()) {
            throw new Rejected(result.statusCode(), result.message());
        }
    }

    /** The model's state now. */
    public String stateOf(String modelId) throws CrmCallException, Rejected {
        return one(crm.query(MODEL_FIELDS + " WHERE Id IN (" + Soql.quote(modelId) + ")"))
                .orElseThrow(() -> new Rejected("MODEL_NOT_FOUND", "Territory2Model " + modelId + " was deleted"))
                .state();
    }

    /** Re-creates the saved quotas that apply in the now Active model; returns those created. */
    public List<QuotaCarryOver.Recreate> recreate(String modelId, List<QuotaCarryOver.SavedQuota> saved)
            throws CrmCallException {
        if (saved.isEmpty()) {
            return List.of();
        }
        Map<String, String> territories = new LinkedHashMap<>();
        for (CrmRecord territory : crm.query("SELECT Id, DeveloperName FROM Territory2 WHERE Territory2ModelId IN ("
                + Soql.quote(modelId) + ")")) {
            territories.put(territory.get("DeveloperName"), territory.id());
        }
        if (territories.isEmpty()) {
            return List.of();
        }
        String territoryIds = String.join(",", territories.values().stream().map(Soql::quote).toList());
        Set<String> assignments = new HashSet<>();
        for (CrmRecord a : crm.query("SELECT Id, UserId, Territory2Id FROM UserTerritory2Association WHERE "
                + "Territory2Id IN (" + territoryIds + ")")) {
            assignments.add(QuotaCarryOver.NewModel.assignment(a.get("UserId"), a.get("Territory2Id")));
        }
        Set<String> periods = new HashSet<>();
        Set<String> existing = new HashSet<>();
        for (CrmRecord q : crm.query("SELECT Id, QuotaOwnerId, Territory2Id, StartDate, ForecastingTypeId FROM "
                + "ForecastingQuota WHERE Territory2Id IN (" + territoryIds + ")")) {
            periods.add(q.get("StartDate"));
            existing.add(QuotaCarryOver.NewModel.quota(q.get("QuotaOwnerId"), q.get("Territory2Id"), q.get("StartDate"),
                    q.get("ForecastingTypeId")));
        }
        List<QuotaCarryOver.Recreate> chosen = QuotaCarryOver.select(saved,
                new QuotaCarryOver.NewModel(territories, assignments, periods, existing));
        List<QuotaCarryOver.Recreate> created = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i += 200) {
            List<QuotaCarryOver.Recreate> batch = chosen.subList(i, Math.min(chosen.size(), i + 200));
            List<WriteResult> results = crm.create(SObjectType.FORECASTING_QUOTA,
                    batch.stream().map(QuotaCarryOver.Recreate::values).toList());
            for (int j = 0; j < results.size(); j++) {
                if (results.get(j).success()) {
                    created.add(batch.get(j));
                }
            }
        }
        return created;
    }

    private List<QuotaCarryOver.SavedQuota> quotasOf(String modelId) throws CrmCallException {
        Map<String, String> developerNames = new LinkedHashMap<>();
        for (CrmRecord territory : crm.query("SELECT Id, DeveloperName FROM Territory2 WHERE Territory2ModelId IN ("
                + Soql.quote(modelId) + ")")) {
            developerNames.put(territory.id(), territory.get("DeveloperName"));
        }
        if (developerNames.isEmpty()) {
            return List.of();
        }
        List<QuotaCarryOver.SavedQuota> quotas = new ArrayList<>();
        for (CrmRecord q : crm.query("SELECT Id, QuotaOwnerId, Territory2Id, StartDate, QuotaAmount, QuotaQuantity, "
                + "ForecastingTypeId FROM ForecastingQuota WHERE Territory2Id IN ("
                + String.join(",", developerNames.keySet().stream().map(Soql::quote).toList()) + ")")) {
            quotas.add(new QuotaCarryOver.SavedQuota(q.id(), developerNames.get(q.get("Territory2Id")),
                    q.get("QuotaOwnerId"), q.get("StartDate"), q.get("QuotaAmount"), q.get("QuotaQuantity"),
                    q.get("ForecastingTypeId")));
        }
        return quotas;
    }

    private static java.util.Optional<Model> one(List<CrmRecord> records) {
        return records.stream().findFirst().map(ModelActivation::model);
    }

    private static Model model(CrmRecord record) {
        return new Model(record.id(), record.get("DeveloperName"), record.get("Name"), record.get("State"));
    }
}

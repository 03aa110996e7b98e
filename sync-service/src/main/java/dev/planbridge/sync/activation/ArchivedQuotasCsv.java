package dev.planbridge.sync.activation;

import java.util.List;

/** The saved quotas of a plan as CSV (RFC 4180), one row per quota an archive deleted. */
final class ArchivedQuotasCsv {

    static final String HEADER = "activation_id,model_id,model_name,quota_id,territory_developer_name,owner_id,"
            + "start_date,amount,quantity,forecasting_type_id,recreated,saved_at";

    private ArchivedQuotasCsv() {
    }

    static String write(List<ActivationStore.ArchivedQuotaRow> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ActivationStore.ArchivedQuotaRow row : rows) {
            var q = row.quota();
            List<Object> cells = java.util.Arrays.asList(row.activationId(), row.modelId(), row.modelName(),
                    q.quotaId(), q.territoryDeveloperName(), q.ownerId(), q.startDate(), q.amount(), q.quantity(),
                    q.forecastingTypeId(), row.recreated(), row.savedAt());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(cell(cells.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

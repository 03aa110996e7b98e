package dev.planbridge.planning.metric;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.contracts.ContractsJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads and writes a plan's metric settings ({@code plan_metrics}) with plain JDBC; absent means the defaults. */
public final class PlanMetricsStore {

    private static final ObjectMapper JSON = ContractsJson.configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanMetricsStore() {
    }

    public static PlanMetrics read(Connection c, UUID planId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT settings FROM plan_metrics WHERE plan_id = ?")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? parse(rs.getString(1)) : PlanMetrics.defaults();
            }
        }
    }

    static PlanMetrics parse(String json) {
        try {
            return JSON.readValue(json, PlanMetrics.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored metric settings are not readable: " + e.getMessage(), e);
        }
    }

    static String write(PlanMetrics settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

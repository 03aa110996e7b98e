package dev.planbridge.planning.plan;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Existence checks for what plan elements refer to: territories, users of the CRM mirror, baseline accounts. */
@ApplicationScoped
public class PlanReferences {

    private final AgroalDataSource dataSource;

    public PlanReferences(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean territoryExists(UUID planId, String key) {
        return exists("SELECT 1 FROM territory WHERE plan_id = ? AND key = ?", planId, key);
    }

    public boolean accountInBaseline(UUID planId, String accountId) {
        return exists("SELECT 1 FROM plan_account WHERE plan_id = ? AND account_id = ?", planId, accountId);
    }

    public boolean userExists(String userId) {
        return exists("SELECT 1 FROM crm_user WHERE id = ? AND NOT deleted", null, userId);
    }

    public Set<String> territoryKeys(UUID planId) {
        return strings("SELECT key FROM territory WHERE plan_id = ?", planId);
    }

    public Set<String> accountIds(UUID planId) {
        return strings("SELECT account_id FROM plan_account WHERE plan_id = ?", planId);
    }

    public Set<String> userIds() {
        return strings("SELECT id FROM crm_user WHERE NOT deleted", null);
    }

    private boolean exists(String sql, UUID planId, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (planId != null) {
                s.setObject(i++, planId);
            }
            s.setString(i, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> strings(String sql, UUID planId) {
        Set<String> values = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (planId != null) {
                s.setObject(1, planId);
            }
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}

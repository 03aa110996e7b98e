package dev.planbridge.planning.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Names to print beside ids in reports: users from the CRM mirror, territories from the plan. One query per report
 * for the ids it shows, so a report of 500 owners does not run 500 look-ups.
 */
final class NameLookup {

    private NameLookup() {
    }

    /** User id to name for the ids the mirror knows (deleted users keep their last name: history stays readable). */
    static Map<String, String> userNames(Connection c, Collection<String> userIds) throws SQLException {
        Map<String, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM crm_user WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", userIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return names;
    }

    static Map<String, String> territoryNames(Connection c, UUID planId) throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT key, name FROM territory WHERE plan_id = ?")) {
            s.setObject(1, planId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }
}

package dev.planbridge.planning.crm;

import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.common.Roles;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read access to the CRM mirror: how fresh it is and one account as the planner sees it. */
@Path("/api/v1/crm")
@Produces(MediaType.APPLICATION_JSON)
public class CrmResource {

    private final AgroalDataSource dataSource;

    public CrmResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Path("/status")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : new String[] {"crm_account", "crm_user", "crm_opportunity"}) {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE NOT deleted), "
                        + "count(*) FILTER (WHERE deleted), max(system_modstamp) FROM " + table);
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    status.put(table.substring(4) + "s", Map.of("live", rs.getLong(1), "deleted", rs.getLong(2),
                            "highWaterMark", String.valueOf(rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return status;
    }

    @GET
    @Path("/accounts/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public Map<String, Object> account(@PathParam("id") String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM crm_account WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw Problem.notFound("Account " + id + " is not in the CRM mirror");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), value instanceof java.sql.Timestamp t ? t.toInstant().toString() : value);
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.planbridge.planning.csv;

import dev.planbridge.planning.assignment.AssignmentEngine;
import dev.planbridge.planning.assignment.Assignment;
import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.PlanningConfig;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.common.Roles;
import dev.planbridge.planning.plan.DesiredStateWriter;
import dev.planbridge.planning.plan.PlanService;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** CSV import (all-or-nothing) and streamed CSV export of plan elements. */
@Path("/api/v1/plans/{planId}")
public class CsvResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CsvResource.class);

    private final CsvImportService imports;
    private final CsvKinds kinds;
    private final PlanService plans;
    private final AgroalDataSource dataSource;
    private final PlanningConfig config;
    private final CurrentUser user;

    public CsvResource(CsvImportService imports, CsvKinds kinds, PlanService plans, AgroalDataSource dataSource,
                       PlanningConfig config, CurrentUser user) {
        this.imports = imports;
        this.kinds = kinds;
        this.plans = plans;
        this.dataSource = dataSource;
        this.config = config;
        this.user = user;
    }

    @POST
    @Path("/imports/{kind}")
    @Consumes({CsvExport.TEXT_CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Import territory-types, territories, rules, overrides, exclusions, user-assignments or quotas; "
            + "all rows or none, upserted by natural key")
    public Response importCsv(@PathParam("planId") UUID planId, @PathParam("kind") String kind,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @QueryParam("file") String fileName,
                              InputStream body) {
        CsvKind importKind = kinds.importable(kind);
        long start = System.nanoTime();
        byte[] data = CsvUpload.readLimited(body, config.imports().maxBytes());
        long read = System.nanoTime();
        CsvImportService.Result result = imports.importCsv(planId, ifMatch, importKind, fileName, data, user.name());
        LOG.infof("Import of %s into plan %s: upload read in %d ms, import committed %d ms later", result.file(), planId,
                (read - start) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        return Response.ok(result).header(HttpHeaders.ETAG, "\"" + result.planVersion() + "\"").build();
    }

    @GET
    @Path("/exports/{kind}")
    @Produces(CsvExport.TEXT_CSV)
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Stream one plan element (or 'assignments', every account's effective territory) as CSV")
    public Response export(@PathParam("planId") UUID planId, @PathParam("kind") String kind) {
        var plan = plans.get(planId);
        String fileName = kind + "-" + planId + ".csv";
        if ("assignments".equals(kind)) {
            return csv(fileName, CsvExport.stream(List.of("accountId", "accountName", "territoryKey", "assignedBy"),
                    sink -> assignments(planId, sink)));
        }
        String sql = kinds.exportQuery(kind);
        if (sql == null) {
            throw Problem.notFound("Nothing to export as '" + kind + "'; use assignments or one of " + kinds.paths());
        }
        return csv(fileName, CsvExport.stream(columns(sql), sink -> query(sql, planId, sink)));
    }

    static Response csv(String fileName, jakarta.ws.rs.core.StreamingOutput body) {
        return Response.ok(body, CsvExport.TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    private List<String> columns(String sql) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql + " LIMIT 0")) {
            s.setObject(1, UUID.randomUUID());
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i));
                }
                return names;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void query(String sql, UUID planId, java.util.function.Consumer<List<?>> sink) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(2000);
                s.setObject(1, planId);
                try (ResultSet rs = s.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getObject(i));
                        }
                        sink.accept(row);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private void assignments(UUID planId, java.util.function.Consumer<List<?>> sink) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT a.account_id, a.name, a.owner_id, a.billing_country, a.billing_state, a.billing_postal_code,
                           a.industry, a.employees, a.annual_revenue, a.segment, a.parent_id, a.system_modstamp,
                           o.territory_key, o.reason,
                           (SELECT array_agg(e.territory_key) FROM account_exclusion e
                             WHERE e.plan_id = a.plan_id AND e.account_id = a.account_id)
                    FROM plan_account a
                    LEFT JOIN account_override o ON o.plan_id = a.plan_id AND o.account_id = a.account_id
                    WHERE a.plan_id = ? ORDER BY a.account_id""")) {
                AssignmentEngine engine = new AssignmentEngine(PlanAssignmentData.rules(c, planId));
                s.setFetchSize(2000);
                s.setObject(1, planId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        var facts = DesiredStateWriter.accountFacts(rs);
                        java.sql.Array excluded = rs.getArray(15);
                        Assignment a = engine.assign(facts, rs.getString(13), rs.getString(14),
                                excluded == null ? Set.of() : Set.of((String[]) excluded.getArray()));
                        sink.accept(java.util.Arrays.asList(facts.id(), facts.name(), a.territoryKey(), a.assignedBy()));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

}

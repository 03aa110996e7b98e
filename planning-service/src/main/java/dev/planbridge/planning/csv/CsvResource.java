package dev.planbridge.planning.csv;

import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.PlanningConfig;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.common.Roles;
import dev.planbridge.planning.plan.PlanService;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** CSV import (all-or-nothing) and streamed CSV export of plan elements. */
@Path("/api/v1/plans/{planId}")
public class CsvResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CsvResource.class);

    private final CsvImportService imports;
    private final CsvKinds kinds;
    private final Map<String, ComputedCsvExport> computedExports = new HashMap<>();
    private final PlanService plans;
    private final AgroalDataSource dataSource;
    private final PlanningConfig config;
    private final CurrentUser user;

    public CsvResource(CsvImportService imports, CsvKinds kinds, Instance<ComputedCsvExport> computedExports,
                       PlanService plans, AgroalDataSource dataSource, PlanningConfig config, CurrentUser user) {
        this.imports = imports;
        this.kinds = kinds;
        computedExports.forEach(export -> this.computedExports.put(export.path(), export));
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
        ComputedCsvExport computed = computedExports.get(kind);
        if (computed != null) {
            return csv(fileName, CsvExport.stream(computed.header(), sink -> computed.rows(planId, sink)));
        }
        String sql = kinds.exportQuery(kind);
        if (sql == null) {
            Set<String> known = new TreeSet<>(kinds.paths());
            known.addAll(computedExports.keySet());
            throw Problem.notFound("Nothing to export as '" + kind + "'; use one of " + known);
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
}

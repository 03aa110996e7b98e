package dev.planbridge.planning.report;

import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.Roles;
import dev.planbridge.planning.csv.CsvExport;
import dev.planbridge.planning.plan.BaselineService;
import dev.planbridge.planning.plan.PlanRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reports as JSON (default) or CSV ({@code format=csv}), plan comparison and the CRM modification report. */
@Path("/api/v1/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportService reports;
    private final BaselineService baseline;
    private final CurrentUser user;

    public ReportResource(ReportService reports, BaselineService baseline, CurrentUser user) {
        this.reports = reports;
        this.baseline = baseline;
        this.user = user;
    }

    @GET
    @Path("/reports/balancer")
    @Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Per territory: accounts, potential, open pipeline, owners, quota, quota/potential; sibling spread")
    public Response balancer(@PathParam("planId") UUID planId, @QueryParam("format") @DefaultValue("json") String format) {
        ReportService.Balancer report = reports.balancer(planId);
        if ("csv".equals(format)) {
            // the fixed columns, then one column per chosen metric headed by its label
            List<String> header = new ArrayList<>(List.of("key", "name", "parentKey", "accounts", "potential",
                    "openPipeline", "owners", "ownerNames", "quota", "quotaToPotential", "flags"));
            report.metrics().forEach(m -> header.add(m.label()));
            return csv("balancer", header, report.territories().stream().<List<?>>map(t -> {
                List<Object> row = new ArrayList<>(Arrays.asList(t.key(), t.name(), t.parentKey(), t.accounts(),
                        t.potential(), t.openPipeline(), String.join(";", t.owners()), String.join(";", t.ownerNames()),
                        t.quota(), t.quotaToPotential(), String.join(";", t.flags())));
                row.addAll(t.metrics());
                return row;
            }).toList());
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/reports/disruption")
    @Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Accounts kept, gained and lost per owner against the baseline or the live CRM")
    public Response disruption(@PathParam("planId") UUID planId,
                               @QueryParam("against") @DefaultValue("baseline") String against,
                               @QueryParam("format") @DefaultValue("json") String format) {
        return disruptionResponse(reports.disruption(planId, against), format);
    }

    @GET
    @Path("/compare")
    @Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Compare with another plan (with=<planId>) per territory, or with the live CRM (with=live) per owner")
    public Response compare(@PathParam("planId") UUID planId, @QueryParam("with") String with,
                            @QueryParam("format") @DefaultValue("json") String format) {
        if (with == null || with.isBlank()) {
            throw dev.planbridge.planning.common.Problem.badRequest("with is required",
                    List.of(dev.planbridge.planning.common.FieldError.of("with", "a plan id or 'live'")));
        }
        if ("live".equals(with)) {
            return disruptionResponse(reports.disruption(planId, "live"), format);
        }
        UUID other;
        try {
            other = UUID.fromString(with);
        } catch (IllegalArgumentException e) {
            throw dev.planbridge.planning.common.Problem.badRequest("with must be a plan id or 'live'",
                    List.of(dev.planbridge.planning.common.FieldError.of("with", "'" + with + "' is not a plan id")));
        }
        return disruptionResponse(reports.compare(planId, other), format);
    }

    private static Response disruptionResponse(ReportService.Disruption report, String format) {
        if ("csv".equals(format)) {
            List<List<?>> rows = new ArrayList<>();
            for (DisruptionClassifier.Holder h : report.holders()) {
                rows.add(Arrays.asList(h.holder, h.name, h.kept, h.gained, h.lost, h.bookMovedPercent(), h.pipelineGained,
                        h.pipelineLost, h.lostWithOpenOpportunities));
            }
            return csv("disruption", List.of(report.by(), "name", "kept", "gained", "lost", "bookMovedPercent", "pipelineGained",
                    "pipelineLost", "lostWithOpenOpportunities"), rows);
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/reports/unassigned")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Accounts no rule or override places")
    public List<Map<String, Object>> unassigned(@PathParam("planId") UUID planId,
                                                @QueryParam("limit") @DefaultValue("1000") int limit) {
        return reports.unassigned(planId, Math.max(1, Math.min(limit, 100_000)));
    }

    @GET
    @Path("/reports/crm-changes")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "CRM changes since the plan's baseline that affect it")
    public Page<BaselineService.CrmChange> crmChanges(@PathParam("planId") UUID planId,
                                                      @QueryParam("page") @DefaultValue("0") int page,
                                                      @QueryParam("size") @DefaultValue("100") int size) {
        return baseline.changes(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @Path("/baseline/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Take the live CRM values of the chosen accounts into the plan's baseline")
    public Response refresh(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull PlanRequests.BaselineRefresh request) {
        Map<String, Object> result = baseline.refresh(planId, ifMatch, request.accountIds(), user.name());
        return Response.ok(result).header(HttpHeaders.ETAG, "\"" + result.get("planVersion") + "\"").build();
    }

    private static Response csv(String name, List<String> header, List<List<?>> rows) {
        return Response.ok(CsvExport.stream(header, sink -> rows.forEach(sink)), CsvExport.TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}

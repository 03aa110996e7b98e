package dev.planbridge.planning.health;

import dev.planbridge.planning.common.FieldError;
import dev.planbridge.planning.common.Problem;
import dev.planbridge.planning.common.Roles;
import dev.planbridge.planning.csv.CsvExport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The plan's data-quality report: JSON (score and parts) or the offending records as CSV. */
@Path("/api/v1/plans/{planId}/reports/health")
public class HealthResource {

    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Data quality of the fields the plan's rules and metrics read: each part scored, one score 0-100")
    public Response health(@PathParam("planId") UUID planId,
                           @QueryParam("staleMonths") @DefaultValue("12") int staleMonths,
                           @QueryParam("format") @DefaultValue("json") String format) {
        if (staleMonths < 1 || staleMonths > 120) {
            throw Problem.badRequest("staleMonths must be between 1 and 120",
                    List.of(FieldError.of("staleMonths", "must be between 1 and 120")));
        }
        boolean csv = "csv".equals(format);
        HealthService.Health report = health.health(planId, staleMonths, csv);
        if (csv) {
            return Response.ok(CsvExport.stream(List.of("part", "id", "name", "problem"), sink -> report.offenders()
                    .forEach(o -> sink.accept(Arrays.asList(o.part(), o.id(), o.name(), o.problem())))),
                    CsvExport.TEXT_CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"health.csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
}

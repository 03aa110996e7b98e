package dev.planbridge.planning.metric;

import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The balancer metrics a plan shows and its potential field. */
@Path("/api/v1/plans/{planId}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource {

    private final MetricService metrics;
    private final CurrentUser user;

    public MetricResource(MetricService metrics, CurrentUser user) {
        this.metrics = metrics;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "The plan's balancer metrics in column order and its potential field (defaults until set)")
    public PlanMetrics get(@PathParam("planId") UUID planId) {
        return metrics.metrics(planId);
    }

    @PUT
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Replace the plan's balancer metrics and potential field")
    public Response put(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @NotNull PlanMetrics settings) {
        var plan = metrics.replace(planId, ifMatch, settings, user.name());
        return Response.ok(settings).header(HttpHeaders.ETAG, plan.etag()).build();
    }
}

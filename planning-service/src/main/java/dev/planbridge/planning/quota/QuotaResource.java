package dev.planbridge.planning.quota;

import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.Roles;
import dev.planbridge.planning.plan.FiscalPlan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Quota targets and the roll-up check. */
@Path("/api/v1/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaResource {

    private final QuotaService quotas;
    private final CurrentUser user;

    public QuotaResource(QuotaService quotas, CurrentUser user) {
        this.quotas = quotas;
        this.user = user;
    }

    @GET
    @Path("/quotas")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public Page<QuotaRequests.View> list(@PathParam("planId") UUID planId, @QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("100") int size) {
        return quotas.list(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @Path("/quotas")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Add a quota target for a user and/or territory in one fiscal period")
    public Response add(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @Valid @NotNull QuotaRequests.Quota request) {
        FiscalPlan[] plan = new FiscalPlan[1];
        var view = quotas.add(planId, ifMatch, request, user.name(), plan);
        return Response.status(201).entity(view).header(HttpHeaders.ETAG, plan[0].etag()).build();
    }

    @DELETE
    @Path("/quotas/{id}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response delete(@PathParam("planId") UUID planId, @PathParam("id") long id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return Response.noContent().header(HttpHeaders.ETAG, quotas.delete(planId, id, ifMatch, user.name()).etag()).build();
    }

    @GET
    @Path("/reports/quota-rollup")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Warnings where children carry less than, or more than factor x, their parent's target")
    public List<QuotaRollup.Warning> rollup(@PathParam("planId") UUID planId) {
        return quotas.rollup(planId);
    }
}

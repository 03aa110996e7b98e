package dev.planbridge.planning.territory;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** A plan's territory types and territories. Edits need If-Match and answer with the plan's new ETag. */
@Path("/api/v1/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TerritoryResource {

    private final TerritoryService territories;
    private final CurrentUser user;

    public TerritoryResource(TerritoryService territories, CurrentUser user) {
        this.territories = territories;
        this.user = user;
    }

    static Response edited(FiscalPlan plan, Object body) {
        return Response.ok(body).header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @GET
    @Path("/territory-types")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public List<TerritoryRequests.Type> types(@PathParam("planId") UUID planId) {
        return territories.types(planId);
    }

    @PUT
    @Path("/territory-types/{key}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response putType(@PathParam("planId") UUID planId, @PathParam("key") String key,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull TerritoryRequests.Type request) {
        if (!key.equals(request.key())) {
            throw dev.planbridge.planning.common.Problem.badRequest("key in path and body differ",
                    List.of(dev.planbridge.planning.common.FieldError.of("key", "must equal '" + key + "'")));
        }
        return edited(territories.putType(planId, ifMatch, request, user.name()), request);
    }

    @GET
    @Path("/territories")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public Page<TerritoryRequests.View> list(@PathParam("planId") UUID planId,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("100") int size) {
        return territories.list(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @Path("/territories")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response create(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull TerritoryRequests.Territory request) {
        FiscalPlan plan = territories.create(planId, ifMatch, request, user.name());
        return Response.status(201).entity(request).header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @PUT
    @Path("/territories/{key}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response update(@PathParam("planId") UUID planId, @PathParam("key") String key,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull TerritoryRequests.Territory request) {
        return edited(territories.update(planId, key, ifMatch, request, user.name()), request);
    }

    @DELETE
    @Path("/territories/{key}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response delete(@PathParam("planId") UUID planId, @PathParam("key") String key,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        FiscalPlan plan = territories.delete(planId, key, ifMatch, user.name());
        return Response.noContent().header(HttpHeaders.ETAG, plan.etag()).build();
    }
}

package dev.planbridge.planning.assignment;

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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Assignment rules, account overrides and exclusions, user assignments, and "why is this account here?". */
@Path("/api/v1/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    private final AssignmentService assignments;
    private final CurrentUser user;

    public AssignmentResource(AssignmentService assignments, CurrentUser user) {
        this.assignments = assignments;
        this.user = user;
    }

    private static Response edited(int status, FiscalPlan plan, Object body) {
        return Response.status(status).entity(body).header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Rules in evaluation order (ascending position), paged")
    public Page<AssignmentRequests.RuleView> rules(@PathParam("planId") UUID planId,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("100") int size) {
        return assignments.rules(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @Path("/rules")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Add an assignment rule; rules are evaluated by ascending position, first match wins")
    public Response createRule(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull AssignmentRequests.Rule request) {
        FiscalPlan[] plan = new FiscalPlan[1];
        var view = assignments.createRule(planId, ifMatch, request, user.name(), plan);
        return edited(201, plan[0], view);
    }

    @PUT
    @Path("/rules/{ruleId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response updateRule(@PathParam("planId") UUID planId, @PathParam("ruleId") long ruleId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull AssignmentRequests.Rule request) {
        FiscalPlan[] plan = new FiscalPlan[1];
        var view = assignments.updateRule(planId, ruleId, ifMatch, request, user.name(), plan);
        return edited(200, plan[0], view);
    }

    @DELETE
    @Path("/rules/{ruleId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response deleteRule(@PathParam("planId") UUID planId, @PathParam("ruleId") long ruleId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return edited(204, assignments.deleteRule(planId, ruleId, ifMatch, user.name()), null);
    }

    @GET
    @Path("/overrides")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public Page<AssignmentRequests.OverrideView> overrides(@PathParam("planId") UUID planId,
                                                           @QueryParam("page") @DefaultValue("0") int page,
                                                           @QueryParam("size") @DefaultValue("100") int size) {
        return assignments.overrides(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @PUT
    @Path("/overrides/{accountId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Place one account by hand (wins over rules); a reason is required")
    public Response putOverride(@PathParam("planId") UUID planId, @PathParam("accountId") String accountId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Valid @NotNull AssignmentRequests.Override request) {
        return edited(200, assignments.putOverride(planId, accountId, ifMatch, request, user.name()),
                new AssignmentRequests.OverrideView(accountId, request.territoryKey(), request.reason()));
    }

    @DELETE
    @Path("/overrides/{accountId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response deleteOverride(@PathParam("planId") UUID planId, @PathParam("accountId") String accountId,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return edited(204, assignments.deleteOverride(planId, accountId, ifMatch, user.name()), null);
    }

    @GET
    @Path("/exclusions")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Exclusions by account, paged (a plan can have 100k of them)")
    public Page<AssignmentRequests.Exclusion> exclusions(@PathParam("planId") UUID planId,
                                                         @QueryParam("page") @DefaultValue("0") int page,
                                                         @QueryParam("size") @DefaultValue("100") int size) {
        return assignments.exclusions(planId, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @Path("/exclusions")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response addExclusion(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Valid @NotNull AssignmentRequests.Exclusion request) {
        return edited(201, assignments.addExclusion(planId, ifMatch, request, user.name()), request);
    }

    @DELETE
    @Path("/exclusions/{accountId}/{territoryKey}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response deleteExclusion(@PathParam("planId") UUID planId, @PathParam("accountId") String accountId,
                                    @PathParam("territoryKey") String territoryKey,
                                    @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return edited(204, assignments.deleteExclusion(planId, accountId, territoryKey, ifMatch, user.name()), null);
    }

    @GET
    @Path("/user-assignments")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    public List<AssignmentRequests.UserAssignmentView> userAssignments(@PathParam("planId") UUID planId) {
        return assignments.userAssignments(planId);
    }

    @POST
    @Path("/user-assignments")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Put a person in a territory (Owner, Overlay, Manager); at most one Owner at a time")
    public Response addUserAssignment(@PathParam("planId") UUID planId,
                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Valid @NotNull AssignmentRequests.UserAssignment request) {
        FiscalPlan[] plan = new FiscalPlan[1];
        var view = assignments.addUserAssignment(planId, ifMatch, request, user.name(), plan);
        return edited(201, plan[0], view);
    }

    @DELETE
    @Path("/user-assignments/{id}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response deleteUserAssignment(@PathParam("planId") UUID planId, @PathParam("id") long id,
                                         @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return edited(204, assignments.deleteUserAssignment(planId, id, ifMatch, user.name()), null);
    }

    @GET
    @Path("/accounts/{accountId}/assignment")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Where the account lands in this plan and which override or rule placed it")
    public AssignmentRequests.Explanation explain(@PathParam("planId") UUID planId,
                                                  @PathParam("accountId") String accountId) {
        return assignments.explain(planId, accountId);
    }
}

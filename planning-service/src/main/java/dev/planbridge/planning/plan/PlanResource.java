package dev.planbridge.planning.plan;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.CurrentUser;
import dev.planbridge.planning.common.Page;
import dev.planbridge.planning.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Plans: create, read, change settings, fork, and the review workflow. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    public static final String NDJSON = "application/x-ndjson";

    private final PlanService plans;
    private final DesiredStateStream desiredState;
    private final AuditLog audit;
    private final CurrentUser user;

    public PlanResource(PlanService plans, DesiredStateStream desiredState, AuditLog audit, CurrentUser user) {
        this.plans = plans;
        this.desiredState = desiredState;
        this.audit = audit;
        this.user = user;
    }

    static Response withEtag(Response.ResponseBuilder builder, FiscalPlan plan) {
        return builder.entity(PlanView.of(plan)).header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "List plans, newest first")
    public Page<PlanView> list(@QueryParam("status") PlanStatus status, @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size) {
        return plans.list(status, Page.checkedPage(page), Page.checkedSize(size));
    }

    @POST
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Create a draft plan; its baseline is a snapshot of the CRM mirror taken now")
    public Response create(@Valid @NotNull PlanRequests.Create request) {
        FiscalPlan plan = plans.create(request, user.name());
        return withEtag(Response.created(URI.create("/api/v1/plans/" + plan.id)), plan);
    }

    @GET
    @Path("/{planId}")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response get(@PathParam("planId") UUID planId) {
        return withEtag(Response.ok(), plans.get(planId));
    }

    @PATCH
    @Path("/{planId}")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Change a draft's settings; needs If-Match")
    public Response update(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull PlanRequests.Update request) {
        return withEtag(Response.ok(), plans.update(planId, ifMatch, request, user.name()));
    }

    @POST
    @Path("/{planId}/fork")
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    @Operation(summary = "Copy a plan (any status) into a new draft what-if scenario")
    public Response fork(@PathParam("planId") UUID planId, @Valid @NotNull PlanRequests.Fork request) {
        FiscalPlan fork = plans.fork(planId, request, user.name());
        return withEtag(Response.created(URI.create("/api/v1/plans/" + fork.id)), fork);
    }

    @POST
    @Path("/{planId}/submit")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PLANNER, Roles.ADMIN})
    public Response submit(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(Response.ok(), plans.submit(planId, ifMatch, user.name()));
    }

    @POST
    @Path("/{planId}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Approve a plan in review (not by its author); publishes PlanApproved through the outbox")
    public Response approve(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid PlanRequests.Decision decision) {
        return withEtag(Response.ok(), plans.approve(planId, ifMatch, decision == null ? null : decision.comment(),
                user.name()));
    }

    @POST
    @Path("/{planId}/reject")
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Send a plan in review back to draft with a comment")
    public Response reject(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull PlanRequests.Decision decision) {
        return withEtag(Response.ok(), plans.reject(planId, ifMatch, decision.comment(), user.name()));
    }

    @GET
    @Path("/{planId}/desired-state")
    @Produces(NDJSON)
    @RolesAllowed({Roles.PLANNER, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The plan as NDJSON PlanElements: header first, then dependency order")
    public Response desiredState(@PathParam("planId") UUID planId) {
        FiscalPlan plan = plans.get(planId);
        boolean frozen = plan.status != PlanStatus.DRAFT && plan.status != PlanStatus.IN_REVIEW;
        return Response.ok(desiredState.stream(DesiredStateWriter.PlanSnapshot.of(plan), frozen), NDJSON)
                .header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @GET
    @Path("/{planId}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "Who changed what in the plan, oldest first")
    public Page<AuditLog.Entry> audit(@PathParam("planId") UUID planId, @QueryParam("entity") String entity,
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("100") int size) {
        plans.get(planId);
        return audit.list(planId, entity, Page.checkedPage(page), Page.checkedSize(size));
    }
}

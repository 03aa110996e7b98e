package dev.planbridge.sync.push;

import dev.planbridge.contracts.sync.SyncProgress;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Pushes of plans into the CRM: start, follow, report, resolve conflicts, follow up, undo. */
@Path("/api/v1/pushes")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    static final String[] READERS = {"viewer", "planner", "approver", "admin", "service"};

    private final PushService pushes;
    private final ConflictService conflicts;
    private final ProgressHub hub;
    private final SecurityIdentity identity;

    public PushResource(PushService pushes, ConflictService conflicts, ProgressHub hub, SecurityIdentity identity) {
        this.pushes = pushes;
        this.conflicts = conflicts;
        this.hub = hub;
        this.identity = identity;
    }

    private PushService.Caller caller() {
        boolean mayApply = identity.hasRole("approver") || identity.hasRole("admin") || identity.hasRole("service");
        return new PushService.Caller(identity.getPrincipal().getName(), mayApply);
    }

    @POST
    @RolesAllowed({"planner", "approver", "admin", "service"})
    public Response start(PushRequest request) {
        Push push = pushes.start(request, caller());
        return Response.accepted(PushView.of(push)).location(URI.create("/api/v1/pushes/" + push.id)).build();
    }

    @GET
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public List<PushView> list(@QueryParam("planId") String planId, @QueryParam("limit") @DefaultValue("50") int limit) {
        return pushes.list(planId, Math.max(1, Math.min(limit, 500))).stream().map(PushView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public PushView get(@PathParam("id") UUID id) {
        return PushView.of(pushes.get(id));
    }

    @GET
    @Path("{id}/operations")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public List<OperationView> operations(@PathParam("id") UUID id, @QueryParam("status") String status,
                                          @QueryParam("object") String object,
                                          @QueryParam("offset") @DefaultValue("0") int offset,
                                          @QueryParam("limit") @DefaultValue("500") int limit) {
        if (offset < 0 || limit < 1 || limit > 5000) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 5000");
        }
        return pushes.operations(id, status, object, offset, limit).stream().map(OperationView::of).toList();
    }

    @GET
    @Path("{id}/conflicts")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public Response conflicts(@PathParam("id") UUID id, @QueryParam("offset") Integer offset,
                              @QueryParam("limit") Integer limit) {
        pushes.get(id);
        long total = conflicts.count(id);
        if (offset == null && limit == null) {
            // Without paging parameters: every conflict (what clients before paging expect).
            return Response.ok(conflicts.list(id).stream().map(ConflictView::of).toList())
                    .header(TOTAL_COUNT, total).build();
        }
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 500 : limit;
        if (from < 0 || size < 1 || size > 5000) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 5000");
        }
        return Response.ok(conflicts.page(id, from, size).stream().map(ConflictView::of).toList())
                .header(TOTAL_COUNT, total).build();
    }

    /** Response header with the number of conflicts of the push, whatever page was asked for. */
    static final String TOTAL_COUNT = "X-Total-Count";

    /** Body of a resolution: keep "plan", "crm" or "value" (with {@code value}). */
    public record ResolveRequest(String keep, String value) {
    }

    @POST
    @Path("{id}/conflicts/{cid}/resolve")
    @RolesAllowed({"approver", "admin"})
    public ConflictView resolve(@PathParam("id") UUID id, @PathParam("cid") UUID conflictId, ResolveRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("A body {\"keep\": \"plan\"|\"crm\"|\"value\", \"value\": ...} is required");
        }
        return ConflictView.of(conflicts.resolve(id, conflictId, request.keep(), request.value(), caller().name()));
    }

    @POST
    @Path("{id}/follow-up")
    @RolesAllowed({"approver", "admin"})
    public Response followUp(@PathParam("id") UUID id) {
        Push push = pushes.followUp(id, caller());
        return Response.accepted(PushView.of(push)).location(URI.create("/api/v1/pushes/" + push.id)).build();
    }

    @POST
    @Path("{id}/undo")
    @RolesAllowed({"approver", "admin"})
    public Response undo(@PathParam("id") UUID id) {
        Push push = pushes.undo(id, caller());
        return Response.accepted(PushView.of(push)).location(URI.create("/api/v1/pushes/" + push.id)).build();
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    @Blocking // the first event is the push's current state, read in a transaction (never on the IO thread)
    public Multi<SyncProgress> events(@PathParam("id") UUID id) {
        return hub.stream(id, pushes.snapshot(id));
    }

    @GET
    @Path("{id}/problems.csv")
    @Produces("text/csv")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public Response problemsCsv(@PathParam("id") UUID id) {
        String csv = ProblemsCsv.render(pushes.problems(id), conflicts.list(id));
        return Response.ok(csv).header("Content-Disposition", "attachment; filename=\"push-" + id + "-problems.csv\"").build();
    }
}

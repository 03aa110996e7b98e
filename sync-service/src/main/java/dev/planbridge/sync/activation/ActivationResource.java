package dev.planbridge.sync.activation;

import dev.planbridge.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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

/** Activation of a plan's Territory2Model: schedule or dry-run it, follow it, download the quotas it saved. */
@Path("/api/v1/activations")
@Produces(MediaType.APPLICATION_JSON)
public class ActivationResource {

    private final ActivationService activations;
    private final ActivationStore store;
    private final SecurityIdentity identity;

    public ActivationResource(ActivationService activations, ActivationStore store, SecurityIdentity identity) {
        this.activations = activations;
        this.store = store;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"approver", "admin"})
    public Response request(ActivationRequest request) {
        ActivationService.Caller caller = new ActivationService.Caller(identity.getPrincipal().getName(),
                identity.hasRole("admin"));
        if (request != null && Boolean.TRUE.equals(request.dryRun())) {
            return Response.ok(DryRunView.of(activations.dryRun(request, caller))).build();
        }
        Activation activation = activations.request(request, caller);
        return Response.accepted(ActivationView.of(activation))
                .location(URI.create("/api/v1/activations/" + activation.id)).build();
    }

    @GET
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public List<ActivationView> list(@QueryParam("planId") String planId) {
        return store.list(planId).stream().map(ActivationView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public ActivationView get(@PathParam("id") UUID id) {
        return ActivationView.of(store.find(id)
                .orElseThrow(() -> new ProblemException(404, "Not found", "no activation " + id)));
    }

    /** The quotas the archive deleted, saved before it (all activations of the plan when planId is given). */
    @GET
    @Path("archived-quotas.csv")
    @Produces("text/csv")
    @RolesAllowed({"viewer", "planner", "approver", "admin", "service"})
    public Response archivedQuotas(@QueryParam("planId") String planId) {
        if (planId == null || planId.isBlank()) {
            throw new IllegalArgumentException("planId: required");
        }
        return Response.ok(ArchivedQuotasCsv.write(store.history(planId)))
                .header("Content-Disposition", "attachment; filename=\"archived-quotas-" + planId + ".csv\"").build();
    }
}

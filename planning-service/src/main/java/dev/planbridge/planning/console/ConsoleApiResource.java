package dev.planbridge.planning.console;

import dev.planbridge.planning.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read models for the web console (authenticated like every other /api call). */
@Path("/api/v1/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApiResource {

    private final ConsoleQueries queries;

    public ConsoleApiResource(ConsoleQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/plans/{planId}/territories/{key}/accounts")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "The accounts a plan places in one territory, by name, each with the rule or override that put it there")
    public ConsoleQueries.TerritoryAccounts territoryAccounts(@PathParam("planId") UUID planId,
                                                              @PathParam("key") String key,
                                                              @QueryParam("q") String query,
                                                              @QueryParam("limit") @DefaultValue("200") int limit) {
        return queries.territoryAccounts(planId, key, query, Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("/users")
    @RolesAllowed({Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.ADMIN})
    @Operation(summary = "CRM users (from the mirror) whose id, name or username contains q")
    public List<ConsoleQueries.CrmUser> users(@QueryParam("q") String query,
                                              @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.users(query, Math.max(1, Math.min(limit, 500)));
    }
}

package dev.planbridge.planning.console;

import dev.planbridge.planning.common.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's public bootstrap: where the other services are, and (local demo stack only) the demo users' tokens.
 * The static files under {@code /console/} are public too; every API call they make carries the user's bearer token.
 */
@Path("/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    private static final CacheControl NO_STORE = noStore();

    private final ConsoleConfig config;
    private final Optional<DemoTokenFolder> demoTokens;

    public ConsoleResource(ConsoleConfig config) {
        this.config = config;
        this.demoTokens = config.demoTokensDir().map(DemoTokenFolder::new);
    }

    public record Settings(String changeFeedUrl, String syncUrl, boolean demoUsers) {
    }

    public record DemoUsers(List<String> roles) {
    }

    public record DemoToken(String role, String token) {
    }

    @GET
    @Path("/config.json")
    @Operation(summary = "Where the browser finds the change-feed and sync services; whether demo users are offered")
    public Settings settings() {
        return new Settings(trimSlash(config.changeFeedUrl()), trimSlash(config.syncUrl()), demoTokens.isPresent());
    }

    @GET
    @Path("/demo-users")
    @Operation(summary = "Demo roles with a token file (local stack only; 404 when planbridge.console.demo-tokens-dir is unset)")
    public DemoUsers demoUsers() {
        return new DemoUsers(folder().availableRoles());
    }

    @GET
    @Path("/demo-users/{role}/token")
    @Operation(summary = "A demo user's bearer token (planner, approver, viewer or admin; never the service token)")
    public Response demoToken(@PathParam("role") String role) {
        String token = folder().token(role).orElseThrow(() -> Problem.notFound(
                "No demo user '" + role + "'; demo users are " + DemoTokenFolder.ROLES));
        return Response.ok(new DemoToken(role, token)).cacheControl(NO_STORE).build();
    }

    private DemoTokenFolder folder() {
        return demoTokens.orElseThrow(() -> Problem.notFound(
                "Demo users are off (planbridge.console.demo-tokens-dir is not set); paste a bearer token instead"));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        c.setNoCache(true);
        return c;
    }
}

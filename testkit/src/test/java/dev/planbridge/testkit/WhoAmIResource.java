package dev.planbridge.testkit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("planner")
    public String whoami() {
        return jwt.getName();
    }
}

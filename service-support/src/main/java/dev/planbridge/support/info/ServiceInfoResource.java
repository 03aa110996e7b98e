package dev.planbridge.support.info;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which service and schema answer here; proves the database and the authentication are wired. Every service's
 * first migration creates {@code service_info} with its {@code schema} row.
 */
@Path("/api/v1/service-info")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

    private final String applicationName;

    public ServiceInfoResource(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.applicationName = applicationName;
    }

    @GET
    @RolesAllowed({"viewer", "planner", "approver", "admin"})
    public Map<String, Object> info() {
        Object schema = Panache.getEntityManager()
                .createNativeQuery("SELECT value FROM service_info WHERE key = 'schema'")
                .getSingleResult();
        return Map.of("service", applicationName, "schema", schema);
    }
}

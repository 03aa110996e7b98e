package dev.planbridge.sync;

import dev.planbridge.sync.domain.DesiredPlan;
import dev.planbridge.sync.push.ConflictService;
import dev.planbridge.sync.push.PushService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Every error of the API as application/problem+json (RFC 9457); status decided here and nowhere else. */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Exception e) {
        int status;
        String title;
        String detail = e.getMessage();
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            status = 401;
            title = "Not authenticated";
        } else if (e instanceof ForbiddenException || e instanceof PushService.Forbidden) {
            status = 403;
            title = "Forbidden";
        } else if (e instanceof ConflictService.NotFound) {
            status = 404;
            title = "Not found";
        } else if (e instanceof PushService.Conflict) {
            status = 409;
            title = "Conflict";
        } else if (e instanceof IllegalArgumentException || e instanceof DesiredPlan.InvalidPlanException) {
            status = 400;
            title = "Bad request";
        } else if (e instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            title = web.getResponse().getStatusInfo().getReasonPhrase();
            if (status == 404 && e.getCause() instanceof IllegalArgumentException) {
                status = 400; // e.g. a path parameter that is not a UUID
                title = "Bad request";
            }
        } else {
            status = 500;
            title = "Internal error";
            LOG.error("Unexpected error", e);
            detail = "An unexpected error occurred; see the service log";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}

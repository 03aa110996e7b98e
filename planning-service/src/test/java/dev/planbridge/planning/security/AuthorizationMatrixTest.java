package dev.planbridge.planning.security;

import dev.planbridge.testkit.AuthorizationMatrix;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Every operation of this service's OpenAPI document against {@code authorization-matrix.txt}: no token and bad tokens
 * get 401, roles the table does not name 403, the roles it names get through; an operation missing from the table
 * fails the test. Break it on purpose: remove a role from an endpoint's {@code @RolesAllowed}, or add an endpoint.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class AuthorizationMatrixTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void shouldLetThroughExactlyTheRolesTheTableNamesOnEveryOperation() {
        AuthorizationMatrix.assertTableHolds(service);
    }
}

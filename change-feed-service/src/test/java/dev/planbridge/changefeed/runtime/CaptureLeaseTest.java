package dev.planbridge.changefeed.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A second instance stands by while the running one holds an object's lease, and takes over when it is released. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
class CaptureLeaseTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldLetOnlyOneInstanceHoldTheLeaseOfAnObject() throws Exception {
        try (CaptureLease first = CaptureLease.tryAcquire(dataSource, "LeaseTestObject")) {
            assertNotNull(first);
            assertNull(CaptureLease.tryAcquire(dataSource, "LeaseTestObject"), "the standby must wait");
            try (CaptureLease other = CaptureLease.tryAcquire(dataSource, "OtherLeaseTestObject")) {
                assertNotNull(other, "leases are per object");
            }
        }
        try (CaptureLease after = CaptureLease.tryAcquire(dataSource, "LeaseTestObject")) {
            assertNotNull(after, "released with its holder");
        }
    }

    @Test
    void shouldKeepTheStandbyWaitingWhileThisInstanceCapturesAccount() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        CaptureLease lease = CaptureLease.tryAcquire(dataSource, "Account");
        while (lease != null && System.currentTimeMillis() < deadline) {
            lease.close(); // the capture thread has not taken it yet
            Thread.sleep(200);
            lease = CaptureLease.tryAcquire(dataSource, "Account");
        }
        assertNull(lease, "the running capture holds the Account lease");
    }
}

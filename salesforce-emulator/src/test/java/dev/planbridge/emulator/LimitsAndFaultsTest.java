package dev.planbridge.emulator;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.SessionHeader_element;
import com.sforce.soap.partner.StatusCode;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SessionRenewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.xml.namespace.QName;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API limits, session expiry and renewal, and every injectable fault, seen through the WSC client. */
class LimitsAndFaultsTest {

    private static SalesforceEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void restoreDefaults() {
        emulator.faults().clear();
        emulator.limits().setDailyAllocation(1_000_000);
        emulator.limits().resetUsage();
        emulator.limits().setMaxConcurrentLongRequests(25);
        emulator.limits().setLongRequestThreshold(Duration.ofSeconds(20));
        emulator.sessions().setIdleTimeout(Duration.ofHours(2));
    }

    private static PartnerConnection connect(AtomicInteger renewals) throws ConnectionException {
        java.util.concurrent.atomic.AtomicReference<PartnerConnection> self = new java.util.concurrent.atomic.AtomicReference<>();
        ConnectorConfig config = new ConnectorConfig();
        String url = emulator.soapUrl("64.0");
        config.setAuthEndpoint(url);
        config.setUsername(EmulatorConfig.SYNC_USERNAME);
        config.setPassword(EmulatorConfig.SYNC_PASSWORD);
        if (renewals != null) {
            config.setSessionRenewer(new SessionRenewer() {
                @Override
                public SessionRenewalHeader renewSession(ConnectorConfig current) throws ConnectionException {
                    renewals.incrementAndGet();
                    ConnectorConfig fresh = new ConnectorConfig();
                    fresh.setAuthEndpoint(url);
                    fresh.setUsername(current.getUsername());
                    fresh.setPassword(current.getPassword());
                    String sessionId = Connector.newConnection(fresh).getConfig().getSessionId();
                    current.setSessionId(sessionId);
                    // Later calls of the same PartnerConnection must use the new session too.
                    self.get().setSessionHeader(sessionId);
                    SessionHeader_element header = new SessionHeader_element();
                    header.setSessionId(sessionId);
                    SessionRenewalHeader renewal = new SessionRenewalHeader();
                    renewal.name = new QName("urn:partner.soap.sforce.com", "SessionHeader");
                    renewal.headerElement = header;
                    return renewal;
                }
            });
        }
        PartnerConnection connection = Connector.newConnection(config);
        self.set(connection);
        return connection;
    }

    private static SObject account(String name) {
        SObject account = new SObject("Account");
        account.setField("Name", name);
        return account;
    }

    @Test
    void dailyAllocationExhaustion() throws Exception {
        PartnerConnection connection = connect(null);
        emulator.limits().setDailyAllocation(emulator.limits().used() + 2);
        connection.getServerTimestamp();
        connection.getServerTimestamp();
        UnexpectedErrorFault fault = assertThrows(UnexpectedErrorFault.class, connection::getServerTimestamp);
        assertEquals(ExceptionCode.REQUEST_LIMIT_EXCEEDED, fault.getExceptionCode());
        assertEquals(0, emulator.limits().remaining());
        emulator.limits().resetUsage();
        connection.getServerTimestamp();
    }

    @Test
    void concurrentLongRequestLimit() throws Exception {
        PartnerConnection slow = connect(null);
        PartnerConnection other = connect(null);
        emulator.limits().setLongRequestThreshold(Duration.ofMillis(100));
        emulator.limits().setMaxConcurrentLongRequests(1);
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.LATENCY, 1).forCall("describeGlobal")
                .latency(Duration.ofMillis(3000)));
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return slow.describeGlobal();
            } catch (ConnectionException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (emulator.limits().concurrentLongRequests() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        UnexpectedErrorFault fault = assertThrows(UnexpectedErrorFault.class, other::getServerTimestamp);
        assertEquals(ExceptionCode.REQUEST_LIMIT_EXCEEDED, fault.getExceptionCode());
        running.get(10, TimeUnit.SECONDS);
        other.getServerTimestamp();
    }

    @Test
    void expiredSessionsFailWithIllegalSessionAndTheRenewerLogsInAgain() throws Exception {
        PartnerConnection plain = connect(null);
        emulator.sessions().setIdleTimeout(Duration.ofMillis(150));
        Thread.sleep(300);
        UnexpectedErrorFault expired = assertThrows(UnexpectedErrorFault.class, plain::getUserInfo);
        assertEquals(ExceptionCode.INVALID_SESSION_ID, expired.getExceptionCode());
        assertTrue(expired.getExceptionMessage().contains("Illegal Session"), expired.getExceptionMessage());
        emulator.sessions().setIdleTimeout(Duration.ofHours(2));

        AtomicInteger renewals = new AtomicInteger();
        PartnerConnection renewing = connect(renewals);
        emulator.sessions().expireAll();
        assertEquals(EmulatorConfig.SYNC_USERNAME, renewing.getUserInfo().getUserName());
        assertEquals(1, renewals.get());
        // An injected INVALID_SESSION_ID behaves the same way.
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.INVALID_SESSION_ID, 1).forCall("getUserInfo"));
        renewing.getUserInfo();
        assertEquals(2, renewals.get());
    }

    @Test
    void queryLocatorsExpireWhenIdle() throws Exception {
        String admin = emulator.org().adminUserId();
        java.util.List<dev.planbridge.emulator.org.RecordInput> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(dev.planbridge.emulator.org.RecordInput.of("Account", java.util.Map.of("Name", "Locator " + i)));
        }
        emulator.org().create(admin, rows, dev.planbridge.emulator.org.WriteOptions.DEFAULT);
        emulator.org().create(admin, rows, dev.planbridge.emulator.org.WriteOptions.DEFAULT);
        PartnerConnection connection = connect(null);
        connection.setQueryOptions(200);
        emulator.partnerService().setQueryLocatorIdleTimeout(Duration.ofMillis(150));
        try {
            var first = connection.query("SELECT Id FROM Account WHERE Name LIKE 'Locator %'");
            assertFalse(first.isDone());
            Thread.sleep(400);
            var fault = assertThrows(com.sforce.soap.partner.fault.InvalidQueryLocatorFault.class,
                    () -> connection.queryMore(first.getQueryLocator()));
            assertEquals(ExceptionCode.INVALID_QUERY_LOCATOR, fault.getExceptionCode());
            emulator.partnerService().setQueryLocatorIdleTimeout(Duration.ofMinutes(15));
            var again = connection.query("SELECT Id FROM Account WHERE Name LIKE 'Locator %'");
            assertTrue(connection.queryMore(again.getQueryLocator()).isDone(), "a fresh locator works");
        } finally {
            emulator.partnerService().setQueryLocatorIdleTimeout(Duration.ofMinutes(15));
        }
    }

    @Test
    void unableToLockRowPerRecord() throws Exception {
        PartnerConnection connection = connect(null);
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.UNABLE_TO_LOCK_ROW, 2).forObject("Account"));
        SaveResult[] results = connection.create(new SObject[]{account("Lock 1"), account("Lock 2"), account("Lock 3")});
        assertEquals(StatusCode.UNABLE_TO_LOCK_ROW, results[0].getErrors()[0].getStatusCode());
        assertEquals(StatusCode.UNABLE_TO_LOCK_ROW, results[1].getErrors()[0].getStatusCode());
        assertTrue(results[2].isSuccess());
        assertTrue(emulator.faults().list().isEmpty(), "a 'next N' rule is used up");
        assertTrue(connection.create(new SObject[]{account("Lock 4")})[0].isSuccess());
    }

    @Test
    void requestLimitFaultRuleForOneCallType() throws Exception {
        PartnerConnection connection = connect(null);
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 1).forCall("query"));
        connection.getServerTimestamp();
        assertEquals(ExceptionCode.REQUEST_LIMIT_EXCEEDED, assertThrows(UnexpectedErrorFault.class,
                () -> connection.query("SELECT Id FROM User")).getExceptionCode());
        assertTrue(connection.query("SELECT Id FROM User").getSize() >= 2);
    }

    @Test
    void http503AndDroppedConnections() throws Exception {
        PartnerConnection connection = connect(null);
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.HTTP_503, 1));
        ConnectionException unavailable = assertThrows(ConnectionException.class, connection::getServerTimestamp);
        assertFalse(unavailable instanceof com.sforce.soap.partner.fault.ApiFault);

        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.DROP_CONNECTION, 1).forCall("create"));
        assertThrows(ConnectionException.class, () -> connection.create(new SObject[]{account("Dropped write")}));
        assertEquals(1, emulator.org().find("Account", "Name", "Dropped write").size(),
                "the write was applied before the connection dropped");
        connection.getServerTimestamp();
    }

    @Test
    void addedLatency() throws Exception {
        PartnerConnection connection = connect(null);
        emulator.faults().add(FaultRule.probability(FaultRule.Type.LATENCY, 1.0).forCall("getServerTimestamp")
                .latency(Duration.ofMillis(300)));
        long start = System.nanoTime();
        connection.getServerTimestamp();
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void probabilityRulesAreSeededAndCountersTrackClientsAndRecords() throws Exception {
        emulator.faults().reseed(7);
        emulator.faults().add(FaultRule.probability(FaultRule.Type.UNABLE_TO_LOCK_ROW, 0.5).forCall("create"));
        PartnerConnection connection = connect(null);
        connection.setCallOptions("planbridge-test/1.0", null);
        SObject[] batch = new SObject[100];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = account("Prob " + i);
        }
        long before = emulator.counters().records("create");
        int failed = 0;
        for (SaveResult result : connection.create(batch)) {
            failed += result.isSuccess() ? 0 : 1;
        }
        assertTrue(failed > 20 && failed < 80, "about half fail: " + failed);
        assertEquals(100, emulator.counters().records("create") - before);
        assertTrue(emulator.counters().callsByClient("planbridge-test/1.0") >= 1);
        assertTrue(emulator.counters().snapshot().callsByType().get("login") >= 1);
        assertInstanceOf(Long.class, emulator.counters().snapshot().totalCalls());
    }
}

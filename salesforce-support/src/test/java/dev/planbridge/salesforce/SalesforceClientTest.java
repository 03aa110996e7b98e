package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.sobject.SObject;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.SalesforceEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The call-with-relogin wrapper and the describe cache, through force-wsc against the emulator's faults. */
class SalesforceClientTest {

    private static final String USERS = "SELECT Id FROM User WHERE Username = " + Soql.quote(EmulatorConfig.SYNC_USERNAME);
    private static SalesforceEmulator emulator;

    private final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    private SalesforceClient client(Map<String, String> overrides, Clock clock) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "salesforce.login-url", emulator.soapUrl("64.0"),
                "salesforce.username", EmulatorConfig.SYNC_USERNAME,
                "salesforce.password", EmulatorConfig.SYNC_PASSWORD,
                "salesforce.retry.max-attempts", "3",
                "salesforce.retry.initial-backoff", "100ms",
                "salesforce.retry.max-backoff", "150ms"));
        properties.putAll(overrides);
        return new SalesforceClient(SalesforceProperties.toConfig(properties), waits::add, clock);
    }

    private SalesforceClient client() {
        return client(Map.of(), Clock.systemUTC());
    }

    @Test
    void shouldLogInAgainOnceWhenTheSessionExpiresAndRepeatTheCall() throws Exception {
        SalesforceClient client = client();
        SalesforceLogin.Session first = client.session();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.INVALID_SESSION_ID, 1).forCall("query"));

        QueryResult result = client.read("query users", c -> c.query(USERS));

        assertEquals(1, result.getSize());
        assertNotSame(first, client.session(), "a new session");
        assertEquals(List.of(), waits, "a renewal does not wait");
        assertEquals(4, client.apiCalls(), "login, failed query, login, query");
    }

    @Test
    void shouldGiveUpWhenTheSessionExpiresAgainRightAfterRenewal() throws Exception {
        SalesforceClient client = client();
        client.session();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.INVALID_SESSION_ID, 2).forCall("query"));

        SalesforceFault fault = assertThrows(SalesforceFault.class, () -> client.read("query", c -> c.query(USERS)));

        assertEquals(FaultCategory.SESSION_EXPIRED, fault.category());
        assertEquals(4, client.apiCalls(), "one renewal only: login, query, login, query");
    }

    @Test
    void shouldBackOffOnTheRequestLimitAndSucceedWithinItsBudget() throws Exception {
        SalesforceClient client = client();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 2).forCall("query"));

        QueryResult result = client.read("query users", c -> c.query(USERS));

        assertEquals(1, result.getSize());
        assertEquals(2, waits.size(), "waited before attempts 2 and 3: " + waits);
        assertTrue(between(waits.get(0), 50, 100) && between(waits.get(1), 75, 150), waits.toString());
    }

    @Test
    void shouldGiveUpOnTheRequestLimitWhenItsBudgetIsSpent() {
        SalesforceClient client = client();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 5).forCall("query"));

        SalesforceFault fault = assertThrows(SalesforceFault.class, () -> client.read("query", c -> c.query(USERS)));

        assertEquals(FaultCategory.REQUEST_LIMIT, fault.category());
        assertEquals("REQUEST_LIMIT_EXCEEDED", fault.code());
        assertEquals(2, waits.size(), "three attempts, two waits");
        assertEquals(4, client.apiCalls(), "login and three attempts");
    }

    @Test
    void shouldRepeatAReadAfterAServerError() throws Exception {
        SalesforceClient client = client();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.HTTP_503, 1).forCall("query"));

        assertEquals(1, client.read("query users", c -> c.query(USERS)).getSize());
        assertEquals(1, waits.size());
    }

    // The emulator applies the create, then drops the connection: repeating it would create the account twice.
    @Test
    void shouldNotRepeatAWriteWhoseConnectionDropped() {
        SalesforceClient client = client();
        String name = "Dropped " + System.nanoTime();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.DROP_CONNECTION, 1).forCall("create"));

        SalesforceFault fault = assertThrows(SalesforceFault.class,
                () -> client.write("create account", c -> c.create(new SObject[] {account(name)})));

        assertEquals(FaultCategory.TRANSIENT, fault.category());
        assertEquals(List.of(), waits);
        assertEquals(1, emulator.org().find("Account", "Name", name).size(), "created exactly once");
    }

    @Test
    void shouldRepeatAWriteTheOrgRefusedForTheRequestLimit() throws Exception {
        SalesforceClient client = client();
        String name = "Limited " + System.nanoTime();
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 1).forCall("create"));

        SaveResult[] saved = client.write("create account", c -> c.create(new SObject[] {account(name)}));

        assertTrue(saved[0].isSuccess());
        assertEquals(1, waits.size());
        assertEquals(1, emulator.org().find("Account", "Name", name).size());
    }

    @Test
    void shouldBackOffOnALockedRowAndGiveUpAfterItsBudget() {
        SalesforceClient client = client();
        AtomicInteger attempts = new AtomicInteger();
        ApiFault locked = new ApiFault();
        locked.setExceptionCode(ExceptionCode.UNABLE_TO_LOCK_ROW);
        locked.setExceptionMessage("unable to obtain exclusive access to this record");

        SalesforceFault fault = assertThrows(SalesforceFault.class, () -> client.write("update", c -> {
            attempts.incrementAndGet();
            throw locked;
        }));

        assertEquals(FaultCategory.LOCK, fault.category());
        assertEquals(3, attempts.get());
        assertEquals(2, waits.size());
    }

    @Test
    void shouldGiveUpAtOnceOnAPermanentFault() {
        SalesforceClient client = client();

        SalesforceFault fault = assertThrows(SalesforceFault.class,
                () -> client.read("bad query", c -> c.query("SELECT Nope__c FROM Account")));

        assertEquals(FaultCategory.PERMANENT, fault.category());
        assertEquals(List.of(), waits);
        assertEquals(2, client.apiCalls(), "login and one attempt");
    }

    @Test
    void shouldMakeNoRetriesWhenTheBudgetIsOneAttemptButStillRenewTheSession() throws Exception {
        SalesforceClient client = client(Map.of("salesforce.retry.max-attempts", "1"), Clock.systemUTC());
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.HTTP_503, 1).forCall("query"));
        SalesforceFault fault = assertThrows(SalesforceFault.class, () -> client.read("query", c -> c.query(USERS)));
        // force-wsc reads a 503 without a SOAP body as an unparsable answer, so only the category tells it.
        assertEquals(FaultCategory.TRANSIENT, fault.category(), fault.getMessage());

        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.INVALID_SESSION_ID, 1).forCall("query"));
        assertEquals(1, client.read("query", c -> c.query(USERS)).getSize());
        assertEquals(List.of(), waits);
    }

    @Test
    void shouldRefuseBadCredentialsAsAPermanentLoginFault() {
        SalesforceClient client = client(Map.of("salesforce.password", "wrong"), Clock.systemUTC());

        SalesforceFault fault = assertThrows(SalesforceFault.class, client::session);

        assertEquals(FaultCategory.PERMANENT, fault.category());
        assertEquals("INVALID_LOGIN", fault.code());
    }

    @Test
    void shouldRefuseAnIncompleteConfigurationBeforeAnyCall() {
        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class,
                () -> new SalesforceClient(SalesforceProperties.toConfig(Map.of(
                        "salesforce.login-url", emulator.soapUrl("64.0"), "salesforce.username", "x"))));
        assertTrue(noPassword.getMessage().contains("salesforce.password"), noPassword.getMessage());
        IllegalArgumentException pageSize = assertThrows(IllegalArgumentException.class,
                () -> client(Map.of("salesforce.query-batch-size", "5000"), Clock.systemUTC()));
        assertTrue(pageSize.getMessage().contains("200..2000"), pageSize.getMessage());
    }

    @Test
    void shouldReuseADescribeUntilItsTtlPassesOrItIsForgotten() throws Exception {
        MutableClock clock = new MutableClock();
        SalesforceClient client = client(Map.of("salesforce.describe-cache-ttl", "10m"), clock);

        DescribeSObjectResult first = client.describe("Account");
        long afterFirst = client.apiCalls();
        assertSame(first, client.describe("Account"));
        assertEquals(afterFirst, client.apiCalls(), "served from the cache");

        clock.advance(Duration.ofMinutes(11));
        DescribeSObjectResult expired = client.describe("Account");
        assertNotSame(first, expired);
        client.forgetDescribe("Account");
        assertNotSame(expired, client.describe("Account"));
        assertEquals(afterFirst + 2, client.apiCalls());

        assertThrows(IllegalArgumentException.class, () -> client.describe("Account WHERE"));
    }

    private static SObject account(String name) {
        SObject account = new SObject("Account");
        account.setField("Name", name);
        return account;
    }

    private static boolean between(Duration wait, long min, long max) {
        return wait.toMillis() >= min && wait.toMillis() <= max;
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

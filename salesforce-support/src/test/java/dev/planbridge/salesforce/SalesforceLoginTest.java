package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.partner.fault.LoginFault;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both login paths against the emulator through the real force-wsc client. */
class SalesforceLoginTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static SalesforceEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static SalesforceLogin password(String loginUrl, String user, String password) {
        return new SalesforceLogin(loginUrl, user, password, null, null, "64.0", TIMEOUT, TIMEOUT);
    }

    private static SalesforceLogin oauth(String loginUrl, String clientId, String secret) {
        return new SalesforceLogin(loginUrl, null, null, clientId, secret, "65.0", TIMEOUT, TIMEOUT);
    }

    @Test
    void shouldLogInWithUsernameAndPasswordAndQueryWithGzip() throws Exception {
        SalesforceLogin login = password(emulator.soapUrl("64.0"), EmulatorConfig.SYNC_USERNAME, EmulatorConfig.SYNC_PASSWORD);

        SalesforceLogin.Session session = login.open();

        assertFalse(login.usesOAuth());
        assertEquals(EmulatorConfig.DEFAULT_ORG_ID, session.orgId().substring(0, 15));
        assertEquals(EmulatorConfig.SYNC_USERNAME, session.username());
        assertEquals(session.userId(), session.connection().getUserInfo().getUserId());
        assertTrue(session.connection().getConfig().isCompression());
        assertEquals(1, session.connection().query("SELECT Id FROM User WHERE Username = "
                + SoqlLiteral.quote(EmulatorConfig.SYNC_USERNAME)).getSize());
    }

    @Test
    void shouldLogInWithClientCredentialsAtApi65() throws Exception {
        SalesforceLogin login = oauth(emulator.soapUrl("65.0"), EmulatorConfig.DEMO_CLIENT_ID, EmulatorConfig.DEMO_CLIENT_SECRET);

        SalesforceLogin.Session session = login.open();

        assertTrue(login.usesOAuth());
        assertNotNull(session.userId());
        assertTrue(session.connection().getConfig().getServiceEndpoint().endsWith("/services/Soap/u/65.0"),
                session.connection().getConfig().getServiceEndpoint());
        assertEquals(session.userId(), session.connection().getUserInfo().getUserId());
    }

    @Test
    void shouldPreferOAuthWhenBothAreSet() {
        SalesforceLogin both = new SalesforceLogin(emulator.soapUrl("64.0"), "u", "p",
                EmulatorConfig.DEMO_CLIENT_ID, EmulatorConfig.DEMO_CLIENT_SECRET, "64.0", TIMEOUT, TIMEOUT);
        assertTrue(both.usesOAuth());
    }

    @Test
    void shouldSurfaceAWrongPasswordAsTheTypedLoginFault() {
        SalesforceLogin login = password(emulator.soapUrl("64.0"), EmulatorConfig.SYNC_USERNAME, "wrong");
        LoginFault fault = assertThrows(LoginFault.class, login::open);
        assertEquals("INVALID_LOGIN", fault.getExceptionCode().name());
    }

    @Test
    void shouldReportARefusedClientSecretAsPermanent() {
        SalesforceLogin login = oauth(emulator.soapUrl("65.0"), EmulatorConfig.DEMO_CLIENT_ID, "wrong-secret");
        SalesforceLogin.TokenException e = assertThrows(SalesforceLogin.TokenException.class, login::open);
        assertTrue(e.httpStatus() >= 400 && e.httpStatus() < 500, e.getMessage());
        assertFalse(e.isTransient());
        assertFalse(e.getMessage().contains("wrong-secret"), "the secret never appears in a message");
    }

    @Test
    void shouldReportAnUnreachableTokenEndpointAsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SalesforceLogin login = oauth("http://127.0.0.1:" + closedPort + "/services/Soap/u/65.0", "id", "secret");
        SalesforceLogin.TokenException e = assertThrows(SalesforceLogin.TokenException.class, login::open);
        assertEquals(0, e.httpStatus());
        assertTrue(e.isTransient());
    }

    @Test
    void shouldRejectIncompleteSettingsUpFront() {
        assertThrows(IllegalArgumentException.class, () -> password("http://localhost/services/Soap/u/64.0", "user", null));
        assertThrows(IllegalArgumentException.class, () -> oauth("http://localhost/services/Soap/u/65.0", "id", " "));
        assertThrows(IllegalArgumentException.class, () -> password("http://localhost/login", "user", "pw"));
    }

    @Test
    void shouldKeepSecretsOutOfToString() {
        String shown = new SalesforceLogin("http://localhost/services/Soap/u/64.0", "user", "s3cret-password",
                "client", "s3cret-client-secret", "64.0", TIMEOUT, TIMEOUT).toString()
                + password("http://localhost/services/Soap/u/64.0", "user", "s3cret-password");
        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("user") && shown.contains("client"), shown);
    }
}

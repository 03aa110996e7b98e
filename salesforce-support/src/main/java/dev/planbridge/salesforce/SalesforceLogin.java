package dev.planbridge.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.LoginResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How the services log in to an org through force-wsc: OAuth 2.0 client credentials when a client id and secret are
 * set (the only way at API 65.0 and above), else a SOAP {@code login} with username and password (API 64.0 and below).
 * Both give a {@link PartnerConnection} with gzip on and the session header set; a caller renews a session by opening
 * a new one. {@link #toString()} never shows the password or the client secret.
 *
 * @param loginUrl       SOAP login endpoint, {@code https://login.salesforce.com/services/Soap/u/64.0}; the OAuth token
 *                       endpoint is {@code /services/oauth2/token} on the same host
 * @param apiVersion     API version of the service endpoint after an OAuth login
 */
public record SalesforceLogin(String loginUrl, String username, String password, String clientId, String clientSecret,
                              String apiVersion, Duration connectTimeout, Duration readTimeout) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SalesforceLogin {
        Objects.requireNonNull(loginUrl, "salesforce.login-url");
        if (!loginUrl.contains("/services/Soap/u/")) {
            throw new IllegalArgumentException("salesforce.login-url must end in /services/Soap/u/<version>, got "
                    + loginUrl);
        }
        if (!present(clientId, clientSecret) && !present(username, password)) {
            throw new IllegalArgumentException("Salesforce credentials missing: set salesforce.username and "
                    + "salesforce.password, or salesforce.client-id and salesforce.client-secret");
        }
        Objects.requireNonNull(apiVersion, "salesforce.api-version");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** A logged-in connection and who it is. */
    public record Session(PartnerConnection connection, String orgId, String userId, String username) {
    }

    /** Thrown when the OAuth token endpoint cannot be reached or refuses; SOAP login faults stay {@link ConnectionException}s. */
    public static final class TokenException extends Exception {
        private final int httpStatus;

        TokenException(String message, int httpStatus, Throwable cause) {
            super(message, cause);
            this.httpStatus = httpStatus;
        }

        /** The token endpoint's HTTP status, or 0 when it was not reached. */
        public int httpStatus() {
            return httpStatus;
        }

        /** Worth retrying later: not reached, or a server-side error. */
        public boolean isTransient() {
            return httpStatus == 0 || httpStatus >= 500;
        }
    }

    public boolean usesOAuth() {
        return present(clientId, clientSecret);
    }

    /** Logs in (one SOAP call, or one token request plus one {@code getUserInfo}). */
    public Session open() throws ConnectionException, TokenException {
        return usesOAuth() ? openWithClientCredentials() : openWithPassword();
    }

    private Session openWithPassword() throws ConnectionException {
        ConnectorConfig config = baseConfig();
        config.setAuthEndpoint(loginUrl);
        config.setServiceEndpoint(loginUrl);
        PartnerConnection partner = new PartnerConnection(config);
        LoginResult login = partner.login(username, password);
        config.setServiceEndpoint(login.getServerUrl());
        config.setSessionId(login.getSessionId());
        // With manual login the connection does not pick the new session up by itself.
        partner.setSessionHeader(login.getSessionId());
        GetUserInfoResult info = login.getUserInfo();
        return new Session(partner, info == null ? null : info.getOrganizationId(), login.getUserId(),
                info == null ? username : info.getUserName());
    }

    private Session openWithClientCredentials() throws ConnectionException, TokenException {
        URI login = URI.create(loginUrl);
        URI tokenUri = login.resolve("/services/oauth2/token");
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        JsonNode token;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(connectTimeout).build()
                    .send(HttpRequest.newBuilder(tokenUri).timeout(readTimeout)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // The body names the OAuth error (e.g. invalid_client); it never echoes the secret.
                throw new TokenException("OAuth token request to " + tokenUri + " failed with HTTP "
                        + response.statusCode() + ": " + response.body(), response.statusCode(), null);
            }
            token = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TokenException("OAuth token request to " + tokenUri + " failed: " + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("Interrupted during the OAuth token request to " + tokenUri, 0, e);
        }
        String accessToken = token.path("access_token").asText(null);
        if (accessToken == null) {
            throw new TokenException("OAuth token response from " + tokenUri + " has no access_token", 200, null);
        }
        String instance = token.path("instance_url").asText(login.getScheme() + "://" + login.getAuthority())
                .replaceAll("/+$", "");
        ConnectorConfig config = baseConfig();
        config.setServiceEndpoint(instance + "/services/Soap/u/" + apiVersion);
        config.setSessionId(accessToken);
        PartnerConnection partner = new PartnerConnection(config);
        partner.setSessionHeader(accessToken);
        GetUserInfoResult info = partner.getUserInfo();
        return new Session(partner, info.getOrganizationId(), info.getUserId(), info.getUserName());
    }

    private ConnectorConfig baseConfig() {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setCompression(true); // gzip both ways, as Salesforce recommends and Data Loader does
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        config.setReadTimeout((int) readTimeout.toMillis());
        return config;
    }

    private static boolean present(String first, String second) {
        return first != null && !first.isBlank() && second != null && !second.isBlank();
    }

    @Override
    public String toString() {
        return "SalesforceLogin[" + loginUrl + ", " + (usesOAuth() ? "OAuth client " + clientId : "user " + username)
                + ", API " + apiVersion + "]";
    }
}

package dev.planbridge.localstack.demo;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A Salesforce user changing records, as people do in a real org while a plan is being drafted: the real force-wsc
 * client against the SOAP Partner API (the emulator, or an org).
 */
public final class SalesforceAdmin {

    private final String loginUrl;
    private final String username;
    private final String password;
    private PartnerConnection connection;

    public SalesforceAdmin(String loginUrl, String username, String password) {
        this.loginUrl = loginUrl;
        this.username = username;
        this.password = password;
    }

    /** Sets an account's owner, as the user would in Salesforce. */
    public void reassignAccount(String accountId, String ownerId) {
        SObject account = new SObject("Account");
        account.setId(accountId);
        account.setField("OwnerId", ownerId);
        try {
            SaveResult result = connection().update(new SObject[] {account})[0];
            if (!result.isSuccess()) {
                throw new DemoJourney.DemoException("Salesforce refused to reassign " + accountId + ": "
                        + Arrays.stream(result.getErrors()).map(e -> e.getStatusCode() + " " + e.getMessage())
                        .collect(Collectors.joining("; ")));
            }
        } catch (ConnectionException e) {
            throw new DemoJourney.DemoException("The Salesforce call to reassign " + accountId + " failed: " + e);
        }
    }

    private PartnerConnection connection() throws ConnectionException {
        if (connection == null) {
            ConnectorConfig config = new ConnectorConfig();
            config.setAuthEndpoint(loginUrl);
            config.setUsername(username);
            config.setPassword(password);
            connection = Connector.newConnection(config);
        }
        return connection;
    }
}

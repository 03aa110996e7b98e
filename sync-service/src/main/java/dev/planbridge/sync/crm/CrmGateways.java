package dev.planbridge.sync.crm;

import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.salesforce.SalesforceProperties;
import dev.planbridge.sync.domain.CrmGateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/** Opens a CRM session for one push. */
@ApplicationScoped
public class CrmGateways {

    private final SalesforceConfig config;
    private final Config rawConfig;

    public CrmGateways(SalesforceConfig config, Config rawConfig) {
        this.config = config;
        this.rawConfig = rawConfig;
    }

    /** @throws IllegalArgumentException when the Salesforce settings cannot work (the push fails with the reason) */
    public CrmGateway open() {
        // A renamed key (salesforce.read-timeout-millis) would otherwise be ignored without a word.
        SalesforceProperties.refuseRenamed(rawConfig.getPropertyNames());
        return new WscCrmGateway(config);
    }
}

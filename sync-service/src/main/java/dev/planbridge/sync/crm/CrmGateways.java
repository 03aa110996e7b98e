package dev.planbridge.sync.crm;

import dev.planbridge.sync.domain.CrmGateway;
import jakarta.enterprise.context.ApplicationScoped;

/** Opens a CRM session for one push. */
@ApplicationScoped
public class CrmGateways {

    private final SalesforceConfig config;

    public CrmGateways(SalesforceConfig config) {
        this.config = config;
    }

    public CrmGateway open() {
        return new WscCrmGateway(config);
    }
}

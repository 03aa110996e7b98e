package dev.planbridge.sync.domain;

import java.util.List;
import java.util.Map;

/** The CRM as the push sees it: queries and batched writes (≤ 200 records per call). */
public interface CrmGateway {

    /** Id of the user this service writes as (changes it made are not conflicts). */
    String integrationUserId() throws CrmCallException;

    /** Runs a SOQL query and reads every page. Values in it must come from {@link dev.planbridge.salesforce.Soql}. */
    List<CrmRecord> query(String soql) throws CrmCallException;

    List<WriteResult> create(SObjectType object, List<Map<String, String>> records) throws CrmCallException;

    /** Each record's values plus its Id under the key {@code Id}. */
    List<WriteResult> update(SObjectType object, List<Map<String, String>> records) throws CrmCallException;

    List<WriteResult> delete(List<String> ids) throws CrmCallException;

    /** Drops the session and logs in again. */
    void relogin() throws CrmCallException;

    /** API calls made so far (login and queries included). */
    long apiCalls();
}

package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.Org;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** SHA-256 over the values of the fields the generator filled before issue #17, for a fixed seed. */
final class LegacyValuesDigest {

    /** Every field each object had before issue #17 (in that order). */
    static final Map<String, List<String>> LEGACY_FIELDS = Map.of(
            "User", List.of("Id", "Username", "LastName", "FirstName", "Name", "Alias", "Email", "Title", "Department",
                    "IsActive", "UserRoleId", "ManagerId", "FederationIdentifier", "IsDeleted", "CreatedDate",
                    "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"),
            "Account", List.of("Id", "OwnerId", "Name", "Type", "ParentId", "BillingCountry", "BillingState",
                    "BillingPostalCode", "Industry", "AnnualRevenue", "NumberOfEmployees", "External_Id__c",
                    "Segment__c", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
                    "SystemModstamp"),
            "Opportunity", List.of("Id", "OwnerId", "Name", "AccountId", "StageName", "Amount", "Probability",
                    "CloseDate", "IsClosed", "IsWon", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate",
                    "SystemModstamp"),
            "Territory2", List.of("Id", "Name", "DeveloperName", "Territory2ModelId", "Territory2TypeId",
                    "ParentTerritory2Id", "Description", "AccountAccessLevel", "OpportunityAccessLevel"),
            "ObjectTerritory2Association", List.of("Id", "ObjectId", "Territory2Id", "AssociationCause"),
            "UserTerritory2Association", List.of("Id", "UserId", "Territory2Id", "RoleInTerritory2", "IsActive"),
            "ForecastingQuota", List.of("Id", "OwnerId", "QuotaOwnerId", "StartDate", "PeriodId", "QuotaAmount",
                    "ForecastingTypeId", "Territory2Id", "CurrencyIsoCode"));

    private LegacyValuesDigest() {
    }

    static String digest(int accounts, long seed) throws Exception {
        Org org = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(),
                Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC));
        OrgGenerator.generate(org, new OrgGenerator.Options(accounts, 40, seed, LocalDate.of(2026, 11, 29)));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String object : List.of("User", "Account", "Opportunity", "Territory2", "ObjectTerritory2Association",
                "UserTerritory2Association", "ForecastingQuota")) {
            for (Map<String, Object> row : org.records(object)) {
                for (String field : LEGACY_FIELDS.get(object)) {
                    sha.update((field + "=" + row.get(field) + ";").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

}

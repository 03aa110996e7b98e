package dev.planbridge.emulator.org;

import dev.planbridge.emulator.ApiFaultException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The org store without HTTP: ids, validation, ETM/quota rules, change log, snapshots, replication windows. */
class OrgTest {

    private MutableClock clock;
    private Org org;
    private String admin;
    private String sync;

    /** A settable clock for replication windows. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        org = new Org("00DPb0000000001", List.of(
                new Org.DefaultUser("admin@test.demo", "pw-admin", "Ada", "Admin", "admin@test.demo"),
                new Org.DefaultUser("sync@test.demo", "pw-sync", "Sy", "Sync", "sync@test.demo")), clock);
        admin = org.adminUserId();
        sync = org.authenticate("sync@test.demo", "pw-sync");
    }

    @Test
    void idsUseRealKeyPrefixesAndTheCaseSafeChecksum() {
        // Known pair from Salesforce documentation-style ids: the suffix encodes the upper-case positions.
        assertEquals("001A0000006Vm9rIAC", SalesforceIds.to18("001A0000006Vm9r"));
        assertEquals("001A0000006Vm9rIAC", SalesforceIds.normalize("001A0000006Vm9r"));
        assertNull(SalesforceIds.normalize("001A0000006Vm9rIAD"), "a wrong checksum is not a valid id");
        assertNull(SalesforceIds.normalize("not-an-id"));
        assertTrue(admin.startsWith("005"));
        assertEquals(18, admin.length());
        String account = org.insert(admin, "Account", Map.of("Name", "Acme"));
        assertTrue(account.startsWith("001"));
        assertEquals(account, SalesforceIds.normalize(account.substring(0, 15)));
        assertEquals("00DPb0000000001", org.orgId().substring(0, 15));
    }

    @Test
    void authenticatesActiveUsersOnly() {
        assertNotNull(sync);
        assertNull(org.authenticate("sync@test.demo", "wrong"));
        org.updateRecord(admin, sync, Map.of("IsActive", false));
        assertNull(org.authenticate("sync@test.demo", "pw-sync"));
    }

    @Test
    void createFillsSystemFieldsAndConvertsSoapText() {
        String id = org.insert(sync, "Account", Map.of("Name", "Acme", "NumberOfEmployees", "120",
                "AnnualRevenue", "2500000.50"));
        Map<String, Object> row = org.get(id);
        assertEquals(120, row.get("NumberOfEmployees"));
        assertEquals(new BigDecimal("2500000.50"), row.get("AnnualRevenue"));
        assertEquals(sync, row.get("OwnerId"));
        assertEquals(sync, row.get("CreatedById"));
        assertEquals(Boolean.FALSE, row.get("IsDeleted"));
        assertFalse(((Instant) row.get("SystemModstamp")).isBefore(clock.now));
        assertEquals(row.get("CreatedDate"), row.get("LastModifiedDate"));
    }

    @Test
    void modstampsAreStrictlyIncreasingEvenWithinOneMillisecond() {
        String a = org.insert(admin, "Account", Map.of("Name", "A"));
        String b = org.insert(admin, "Account", Map.of("Name", "B"));
        org.updateRecord(admin, a, Map.of("Name", "A2"));
        Instant first = (Instant) org.get(b).get("SystemModstamp");
        Instant second = (Instant) org.get(a).get("SystemModstamp");
        assertTrue(second.isAfter(first));
        List<ChangeLogEntry> log = org.changeLog();
        // One call is one transaction: one SystemModstamp for all its records, so bulk loads keep the clock real.
        List<RecordInput> bulk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            bulk.add(RecordInput.of("Account", Map.of("Name", "Bulk " + i)));
        }
        List<WriteResult> results = org.create(admin, bulk, WriteOptions.DEFAULT);
        assertEquals(org.get(results.get(0).id()).get("SystemModstamp"),
                org.get(results.get(1999).id()).get("SystemModstamp"));
        assertTrue(Duration.between(clock.now, org.now()).toMillis() < 10, "modstamps stay close to the clock");
        for (int i = 1; i < log.size(); i++) {
            assertTrue(log.get(i).systemModstamp().isAfter(log.get(i - 1).systemModstamp()));
            assertEquals(log.get(i - 1).sequence() + 1, log.get(i).sequence());
        }
    }

    @Test
    void perRecordValidationErrors() {
        List<WriteResult> results = org.create(admin, List.of(
                RecordInput.of("Account", Map.of("BillingCountry", "DE")),
                RecordInput.of("Account", Map.of("Name", "X", "Nope__c", "1")),
                RecordInput.of("Account", Map.of("Name", "X", "NumberOfEmployees", "many")),
                RecordInput.of("Account", Map.of("Name", "X", "OwnerId", "001Pb0000000001IAA")),
                RecordInput.of("Account", Map.of("Name", "X", "ParentId", "001Pb00000000ZZ")),
                RecordInput.of("Account", Map.of("Name", "x".repeat(256))),
                RecordInput.of("Account", Map.of("Name", "X", "CreatedDate", "2026-01-01T00:00:00Z")),
                RecordInput.of("Account", Map.of("Name", "Fine"))), WriteOptions.DEFAULT);
        assertEquals("REQUIRED_FIELD_MISSING", code(results.get(0)));
        assertEquals(List.of("Name"), results.get(0).errors().get(0).fields());
        assertEquals("INVALID_FIELD", code(results.get(1)));
        assertEquals("INVALID_TYPE_ON_FIELD_IN_RECORD", code(results.get(2)));
        assertEquals("INVALID_CROSS_REFERENCE_KEY", code(results.get(3)));
        assertEquals("INVALID_CROSS_REFERENCE_KEY", code(results.get(4)));
        assertEquals("STRING_TOO_LONG", code(results.get(5)));
        assertEquals("INVALID_FIELD_FOR_INSERT_UPDATE", code(results.get(6)));
        assertTrue(results.get(7).success());
        assertEquals(1, org.count("Account"));

        List<WriteResult> truncated = org.create(admin, List.of(RecordInput.of("Account",
                Map.of("Name", "y".repeat(300)))), WriteOptions.DEFAULT.withAllowFieldTruncation(true));
        assertTrue(truncated.get(0).success());
        assertEquals(255, ((String) org.get(truncated.get(0).id()).get("Name")).length());
    }

    @Test
    void unknownObjectIsAWholeCallFault() {
        ApiFaultException fault = assertThrows(ApiFaultException.class, () -> org.create(admin,
                List.of(RecordInput.of("Acount", Map.of("Name", "x"))), WriteOptions.DEFAULT));
        assertEquals("INVALID_TYPE", fault.exceptionCode());
        assertEquals(ApiFaultException.Kind.INVALID_SOBJECT, fault.kind());
    }

    @Test
    void updateDeleteUndeleteAndEntityIsDeleted() {
        String id = org.insert(admin, "Account", Map.of("Name", "Acme", "External_Id__c", "EXT-1"));
        org.deleteRecord(admin, id);
        assertEquals(Boolean.TRUE, org.get(id).get("IsDeleted"));
        assertEquals(0, org.count("Account"));
        List<WriteResult> update = org.update(admin, List.of(RecordInput.update("Account", id, Map.of("Name", "B"))),
                WriteOptions.DEFAULT);
        assertEquals("ENTITY_IS_DELETED", code(update.get(0)));
        assertEquals("ENTITY_IS_DELETED", code(org.delete(admin, List.of(id), WriteOptions.DEFAULT).get(0)));
        // A lookup to a deleted record is refused too.
        assertEquals("ENTITY_IS_DELETED", code(org.create(admin, List.of(RecordInput.of("Account",
                Map.of("Name", "Child", "ParentId", id))), WriteOptions.DEFAULT).get(0)));
        assertTrue(org.undelete(admin, List.of(id), WriteOptions.DEFAULT).get(0).success());
        assertEquals(Boolean.FALSE, org.get(id).get("IsDeleted"));
        assertEquals("UNDELETE_FAILED", code(org.undelete(admin, List.of(id), WriteOptions.DEFAULT).get(0)));
        List<ChangeLogEntry.Op> ops = org.changeLog().stream().filter(e -> e.id().equals(id))
                .map(ChangeLogEntry::op).toList();
        assertEquals(List.of(ChangeLogEntry.Op.CREATE, ChangeLogEntry.Op.DELETE, ChangeLogEntry.Op.UNDELETE), ops);
    }

    @Test
    void changeLogRecordsChangedFieldsAndTheUser() {
        String id = org.insert(admin, "Account", Map.of("Name", "Acme", "Industry", "Energy"));
        org.updateRecord(sync, id, Map.of("Name", "Acme", "Industry", "Retail"));
        ChangeLogEntry last = org.changeLog().get(org.changeLog().size() - 1);
        assertEquals(ChangeLogEntry.Op.UPDATE, last.op());
        assertEquals(List.of("Industry"), last.changedFields());
        assertEquals(sync, last.userId());
        assertEquals("Account", last.object());
        assertEquals(1, org.changeLogSince(last.sequence() - 1).size());
        assertEquals(sync, org.get(id).get("LastModifiedById"));
    }

    @Test
    void changeLogKeepsTheNewestEntriesWithinItsCapacity() {
        org.setChangeLogCapacity(10);
        for (int i = 0; i < 25; i++) {
            org.insert(admin, "Account", Map.of("Name", "Log " + i));
        }
        List<ChangeLogEntry> log = org.changeLog();
        assertTrue(log.size() <= 10, "size " + log.size());
        ChangeLogEntry newest = log.get(log.size() - 1);
        assertEquals("Log 24", org.get(newest.id()).get("Name"));
        assertEquals(List.of(newest), org.changeLogSince(newest.sequence() - 1));
    }

    @Test
    void upsertByExternalIdCreatesThenUpdatesAndReportsDuplicates() {
        List<RecordInput> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(RecordInput.of("Account", Map.of("Name", "A" + i, "External_Id__c", "E" + i)));
        }
        List<WriteResult> first = org.upsert(admin, "Account", "External_Id__c", batch, WriteOptions.DEFAULT);
        assertTrue(first.stream().allMatch(r -> r.success() && r.created()));
        List<WriteResult> second = org.upsert(admin, "account", "external_id__c", batch, WriteOptions.DEFAULT);
        assertTrue(second.stream().allMatch(r -> r.success() && !r.created()));
        assertEquals(first.get(1).id(), second.get(1).id());

        List<WriteResult> dup = org.upsert(admin, "Account", "External_Id__c", List.of(
                RecordInput.of("Account", Map.of("Name", "x", "External_Id__c", "NEW")),
                RecordInput.of("Account", Map.of("Name", "y", "External_Id__c", "new"))), WriteOptions.DEFAULT);
        assertEquals("DUPLICATE_EXTERNAL_ID", code(dup.get(0)));
        assertEquals("DUPLICATE_EXTERNAL_ID", code(dup.get(1)));

        // External ids are not unique: two records with the same value make the upsert ambiguous.
        org.insert(admin, "Account", Map.of("Name", "twin", "External_Id__c", "E1"));
        assertEquals("DUPLICATE_EXTERNAL_ID", code(org.upsert(admin, "Account", "External_Id__c",
                List.of(RecordInput.of("Account", Map.of("Name", "z", "External_Id__c", "E1"))),
                WriteOptions.DEFAULT).get(0)));
        assertEquals("MISSING_ARGUMENT", code(org.upsert(admin, "Account", "External_Id__c",
                List.of(RecordInput.of("Account", Map.of("Name", "z"))), WriteOptions.DEFAULT).get(0)));
        ApiFaultException notAKey = assertThrows(ApiFaultException.class, () -> org.upsert(admin, "Account", "Name",
                batch, WriteOptions.DEFAULT));
        assertEquals("INVALID_FIELD", notAKey.exceptionCode());
    }

    @Test
    void lookupsByParentExternalId() {
        String parent = org.insert(admin, "Account", Map.of("Name", "Parent", "External_Id__c", "P-1"));
        String child = org.insert(admin, "Account", Map.of("Name", "Child",
                "Parent", new ParentReference("Account", "External_Id__c", "p-1")));
        assertEquals(parent, org.get(child).get("ParentId"));
        String owned = org.insert(admin, "Account", Map.of("Name", "Owned",
                "Owner", new ParentReference("User", "Username", "sync@test.demo")));
        assertEquals(sync, org.get(owned).get("OwnerId"));
        assertEquals("INVALID_FIELD", code(org.create(admin, List.of(RecordInput.of("Account", Map.of("Name", "X",
                "Parent", new ParentReference("Account", "External_Id__c", "missing")))), WriteOptions.DEFAULT).get(0)));
        assertEquals("INVALID_FIELD", code(org.create(admin, List.of(RecordInput.of("Account", Map.of("Name", "X",
                "Parent", new ParentReference("Account", "BillingCountry", "DE")))), WriteOptions.DEFAULT).get(0)),
                "only external-id or idLookup fields can key a lookup");
    }

    @Test
    void allOrNoneRollsBackEveryRecord() {
        String existing = org.insert(admin, "Account", Map.of("Name", "Keep"));
        int logSize = org.changeLog().size();
        List<WriteResult> results = org.create(admin, List.of(
                RecordInput.of("Account", Map.of("Name", "A")),
                RecordInput.of("Account", Map.of("BillingCountry", "no name"))), WriteOptions.DEFAULT.withAllOrNone(true));
        assertEquals("ALL_OR_NONE_OPERATION_ROLLED_BACK", code(results.get(0)));
        assertEquals("REQUIRED_FIELD_MISSING", code(results.get(1)));
        assertEquals(1, org.count("Account"));
        List<WriteResult> updates = org.update(admin, List.of(
                RecordInput.update("Account", existing, Map.of("Name", "Changed")),
                RecordInput.update("Account", existing, Map.of("NumberOfEmployees", "x"))),
                WriteOptions.DEFAULT.withAllOrNone(true));
        assertFalse(updates.get(0).success());
        assertEquals("Keep", org.get(existing).get("Name"));
        assertEquals(logSize, org.changeLog().size(), "a rolled-back call leaves no change log entries");
    }

    @Test
    void snapshotRestoreAndReset() {
        org.insert(admin, "Account", Map.of("Name", "Before"));
        Org.OrgSnapshot snapshot = org.snapshot();
        String after = org.insert(admin, "Account", Map.of("Name", "After", "External_Id__c", "X-1"));
        assertEquals(2, org.count("Account"));
        org.restore(snapshot);
        assertEquals(1, org.count("Account"));
        assertNull(org.get(after));
        // Indexes are restored too: the external id is free again.
        assertTrue(org.upsert(admin, "Account", "External_Id__c", List.of(RecordInput.of("Account",
                Map.of("Name", "Again", "External_Id__c", "X-1"))), WriteOptions.DEFAULT).get(0).created());
        org.restore(snapshot);
        assertEquals(1, org.count("Account"));
        org.reset();
        assertEquals(0, org.count("Account"));
        assertEquals(2, org.count("User"));
        assertNotNull(org.authenticate("admin@test.demo", "pw-admin"));
    }

    @Test
    void territoryRules() {
        String model = org.insert(admin, "Territory2Model", Map.of("Name", "FY27", "DeveloperName", "FY27",
                "State", "Active"));
        String other = org.insert(admin, "Territory2Model", Map.of("Name", "FY28", "DeveloperName", "FY28"));
        assertEquals("Planning", org.get(other).get("State"));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(org.create(admin, List.of(RecordInput.of("Territory2Model",
                Map.of("Name", "FY29", "DeveloperName", "FY29", "State", "Active"))), WriteOptions.DEFAULT).get(0)),
                "only one Active model");
        // Activating another model is a job that archives the Active one when it ends (Territory2ModelLifecycleTest).
        org.updateRecord(admin, other, Map.of("State", "Active"));
        assertEquals("Activating", org.get(other).get("State"));
        assertEquals("Active", org.get(model).get("State"));
        assertEquals("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", code(org.update(admin, List.of(RecordInput.update(
                null, other, Map.of("State", "Dreaming"))), WriteOptions.DEFAULT).get(0)));
        assertEquals("DELETE_FAILED", code(org.delete(admin, List.of(model), WriteOptions.DEFAULT).get(0)));

        String type = org.insert(admin, "Territory2Type", Map.of("MasterLabel", "Region", "DeveloperName", "Region",
                "Priority", 1));
        assertEquals("DUPLICATE_VALUE", code(org.create(admin, List.of(RecordInput.of("Territory2Type",
                Map.of("MasterLabel", "Area", "DeveloperName", "Area", "Priority", "1"))), WriteOptions.DEFAULT).get(0)));

        String emea = org.insert(admin, "Territory2", Map.of("Name", "EMEA", "DeveloperName", "EMEA",
                "Territory2ModelId", model, "Territory2TypeId", type));
        assertEquals("DUPLICATE_VALUE", code(org.create(admin, List.of(RecordInput.of("Territory2", Map.of(
                "Name", "EMEA again", "DeveloperName", "emea", "Territory2ModelId", model, "Territory2TypeId", type))),
                WriteOptions.DEFAULT).get(0)), "DeveloperName is unique per model");
        // ... but the same DeveloperName in another model is fine.
        org.insert(admin, "Territory2", Map.of("Name", "EMEA", "DeveloperName", "EMEA", "Territory2ModelId", other,
                "Territory2TypeId", type));
        String dach = org.insert(admin, "Territory2", Map.of("Name", "DACH", "DeveloperName", "DACH",
                "Territory2ModelId", model, "Territory2TypeId", type, "ParentTerritory2Id", emea));
        assertEquals("FIELD_INTEGRITY_EXCEPTION", code(org.update(admin, List.of(RecordInput.update(null, emea,
                Map.of("ParentTerritory2Id", dach))), WriteOptions.DEFAULT).get(0)), "no cycles");

        String uta = org.insert(admin, "UserTerritory2Association", Map.of("UserId", sync, "Territory2Id", dach,
                "RoleInTerritory2", "Sales Rep"));
        assertEquals("DUPLICATE_VALUE", code(org.create(admin, List.of(RecordInput.of("UserTerritory2Association",
                Map.of("UserId", sync, "Territory2Id", dach))), WriteOptions.DEFAULT).get(0)));
        assertEquals("INVALID_TYPE_FOR_OPERATION", code(org.update(admin, List.of(RecordInput.update(null, uta,
                Map.of("RoleInTerritory2", "Owner"))), WriteOptions.DEFAULT).get(0)), "create and delete only");
        assertThrows(ApiFaultException.class, () -> org.getUpdated("UserTerritory2Association",
                clock.now.minusSeconds(60), clock.now.plusSeconds(60)));
        org.deleteRecord(admin, uta);
        assertNull(org.get(uta), "user territory associations have no recycle bin");

        String account = org.insert(admin, "Account", Map.of("Name", "Acme"));
        String ota = org.insert(admin, "ObjectTerritory2Association", Map.of("ObjectId", account,
                "Territory2Id", dach, "AssociationCause", "Territory2Manual"));
        assertEquals("Account", org.get(ota).get("SobjectType"));
        org.deleteRecord(admin, ota);
        assertEquals(1, org.query("SELECT Id FROM ObjectTerritory2Association", true).size());
        clock.advance(Duration.ofHours(13));
        assertEquals(0, org.query("SELECT Id FROM ObjectTerritory2Association", true).size(),
                "deleted object territory associations are queryable for 12 hours only");
    }

    @Test
    void usersCannotEditTheirOwnQuota() {
        String type = org.insert(admin, "ForecastingType", Map.of("DeveloperName", "OpportunityRevenue",
                "MasterLabel", "Opportunity Revenue", "IsAmount", true));
        String month = org.insert(admin, "Period", Map.of("Type", "Month", "StartDate", "2026-11-01",
                "EndDate", "2026-11-30"));
        Map<String, Object> quota = new HashMap<>(Map.of("QuotaOwnerId", sync, "StartDate", "2026-11-01",
                "QuotaAmount", "100000", "ForecastingTypeId", type));
        String id = org.insert(admin, "ForecastingQuota", quota);
        assertEquals(month, org.get(id).get("PeriodId"), "PeriodId is derived from StartDate");
        assertEquals("INSUFFICIENT_ACCESS_OR_READONLY", code(org.update(sync, List.of(RecordInput.update(null, id,
                Map.of("QuotaAmount", "1"))), WriteOptions.DEFAULT).get(0)));
        assertEquals("INSUFFICIENT_ACCESS_OR_READONLY", code(org.create(sync, List.of(RecordInput.of(
                "ForecastingQuota", quota)), WriteOptions.DEFAULT).get(0)));
        assertEquals("INSUFFICIENT_ACCESS_OR_READONLY", code(org.delete(sync, List.of(id), WriteOptions.DEFAULT)
                .get(0)));
        org.updateRecord(admin, id, Map.of("QuotaAmount", "120000"));
        assertEquals(new BigDecimal("120000"), org.get(id).get("QuotaAmount"));
        assertEquals(LocalDate.of(2026, 11, 1), org.get(id).get("StartDate"));
    }

    @Test
    void replicationWindows() {
        Instant start = clock.now;
        String a = org.insert(admin, "Account", Map.of("Name", "A"));
        clock.advance(Duration.ofMinutes(1));
        String b = org.insert(admin, "Account", Map.of("Name", "B"));
        clock.advance(Duration.ofMinutes(1));
        org.deleteRecord(admin, a);
        Instant deletedAt = clock.now;
        clock.advance(Duration.ofMinutes(1));

        Org.UpdatedIds updated = org.getUpdated("Account", start, start.plusSeconds(90));
        assertEquals(List.of(b), updated.ids(), "deleted records are reported by getDeleted only");
        assertEquals(start.plusSeconds(90), updated.latestDateCovered());
        Org.DeletedIds deleted = org.getDeleted("Account", start, clock.now);
        assertEquals(1, deleted.records().size());
        assertEquals(a, deleted.records().get(0).id());
        assertEquals(deletedAt, deleted.records().get(0).deletedDate());
        assertTrue(deleted.earliestDateAvailable().isBefore(start));

        assertEquals("INVALID_REPLICATION_DATE", assertThrows(ApiFaultException.class,
                () -> org.getUpdated("Account", clock.now, clock.now)).exceptionCode());
        assertEquals("INVALID_REPLICATION_DATE", assertThrows(ApiFaultException.class,
                () -> org.getUpdated("Account", clock.now.minus(Duration.ofDays(31)), clock.now)).exceptionCode());
        assertEquals("INVALID_REPLICATION_DATE", assertThrows(ApiFaultException.class,
                () -> org.getDeleted("Account", clock.now.minus(Duration.ofDays(16)), clock.now)).exceptionCode());
        org.setReplicationIdLimit(1);
        org.insert(admin, "Account", Map.of("Name", "C"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("EXCEEDED_ID_LIMIT", assertThrows(ApiFaultException.class,
                () -> org.getUpdated("Account", start, clock.now)).exceptionCode());
    }

    @Test
    void readsReturnStableReadOnlyMaps() {
        String id = org.insert(admin, "Account", Map.of("Name", "Acme"));
        Map<String, Object> before = org.get(id);
        org.updateRecord(admin, id, Map.of("Name", "Changed"));
        assertEquals("Acme", before.get("Name"), "rows are copy-on-write");
        assertEquals("Changed", org.get(id).get("name"), "lookups are case-insensitive");
        assertThrows(UnsupportedOperationException.class, () -> before.put("Name", "x"));
        assertEquals(1, org.find("Account", "Name", "changed").size());
        Map<String, Object> copy = new LinkedHashMap<>(org.get(id));
        assertTrue(copy.containsKey("SystemModstamp"));
    }

    private static String code(WriteResult result) {
        assertFalse(result.success(), () -> "expected a failure but got " + result);
        return result.errors().get(0).statusCode();
    }
}

package dev.planbridge.emulator.org;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.generate.OrgGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrgSnapshotFileTest {

    private static final String ORG_ID = EmulatorConfig.DEFAULT_ORG_ID;
    private static Org source;
    private static String deletedAccount;
    private static byte[] document;

    @BeforeAll
    static void buildOrg() throws IOException {
        source = newOrg();
        OrgGenerator.generate(source, OrgGenerator.Options.of(120, 8, 7));
        String admin = source.adminUserId();
        deletedAccount = source.insert(admin, "Account", Map.of("Name", "Recycled Ltd", "AnnualRevenue", 12.5,
                "NumberOfEmployees", 3, "BillingCountry", "Österreich \"AT\""));
        source.deleteRecord(admin, deletedAccount);
        document = export(source);
    }

    private static Org newOrg() {
        return new Org(ORG_ID, EmulatorConfig.defaults().users());
    }

    private static byte[] export(Org org) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.exportSnapshot(out);
        return out.toByteArray();
    }

    private static Org imported(byte[] bytes) throws IOException {
        Org org = newOrg();
        org.importSnapshot(new ByteArrayInputStream(bytes));
        return org;
    }

    @Test
    void shouldRestoreEveryRecordLiveAndDeletedWithIdenticalValues() throws IOException {
        Org copy = imported(document);

        for (ObjectDef object : source.schema().objects()) {
            assertEquals(source.records(object.name(), true), copy.records(object.name(), true), object.name());
        }
        assertEquals(source.counts(), copy.counts());
        Map<String, Object> recycled = copy.get(deletedAccount);
        assertEquals(Boolean.TRUE, recycled.get("IsDeleted"));
        assertEquals(new java.math.BigDecimal("12.5"), recycled.get("AnnualRevenue"));
        assertEquals("Österreich \"AT\"", recycled.get("BillingCountry"));
    }

    @Test
    void shouldWriteTheSameBytesForTheSameOrg() throws IOException {
        assertArrayEquals(document, export(imported(document)), "export(import(x)) == x: the format is stable");
    }

    @Test
    void shouldKeepPasswordsIndexesAndIdSequencesWorking() throws IOException {
        Org copy = imported(document);
        String admin = copy.adminUserId();
        assertEquals(source.adminUserId(), admin);
        assertEquals(admin, copy.authenticate(EmulatorConfig.ADMIN_USERNAME, EmulatorConfig.ADMIN_PASSWORD));
        String rep = (String) copy.records("User").get(5).get("Username");
        assertNotNull(copy.authenticate(rep, OrgGenerator.GENERATED_USER_PASSWORD), "generated users still log in");

        // Unique and external-id indexes are rebuilt: duplicates are refused, upsert finds the existing record.
        OrgWriteException duplicate = assertThrows(OrgWriteException.class, () -> copy.insert(admin, "User",
                Map.of("Username", rep, "LastName", "Twin", "Email", "twin@example.com")));
        assertEquals("DUPLICATE_VALUE", duplicate.errors().get(0).statusCode());
        String externalId = (String) copy.records("Account").get(0).get("External_Id__c");
        WriteResult upsert = copy.upsert(admin, "Account", "External_Id__c", List.of(RecordInput.of("Account",
                Map.of("External_Id__c", externalId, "Name", "Renamed"))), WriteOptions.DEFAULT).get(0);
        assertTrue(upsert.success() && !upsert.created(), upsert.toString());

        // New ids continue after the imported ones; new SystemModstamps are later than every imported one.
        Instant newest = source.records("Account", true).stream().map(r -> (Instant) r.get("SystemModstamp"))
                .max(Instant::compareTo).orElseThrow();
        String fresh = copy.insert(admin, "Account", Map.of("Name", "Fresh"));
        assertTrue(source.get(fresh) == null, "a fresh id is not one of the imported ids");
        assertTrue(((Instant) copy.get(fresh).get("SystemModstamp")).isAfter(newest));
    }

    @Test
    void shouldSaveAndLoadGzipFilesAtomically(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("org.json.gz");
        OrgSnapshotFile.save(source, file);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertArrayEquals(document, in.readAllBytes());
        }
        try (var files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temp file is left behind");
        }
        Org loaded = newOrg();
        OrgSnapshotFile.load(loaded, file);
        assertEquals(source.counts(), loaded.counts());

        Path missing = directory.resolve("missing.json");
        RuntimeException error = assertThrows(RuntimeException.class, () -> OrgSnapshotFile.load(loaded, missing));
        assertTrue(error.getMessage().contains("no org snapshot file at " + missing), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"format\":\"planbridge-salesforce-emulator-org\"|\"format\":\"something-else\"|not an emulator org snapshot",
            "\"formatVersion\":1|\"formatVersion\":9|unsupported formatVersion 9",
            "\"name\":\"Account\",\"fields\":[\"Id\"|\"name\":\"Acount\",\"fields\":[\"Id\"|unknown object 'Acount'",
            "\"Segment__c\"|\"Segment_X__c\"|unknown field Account.Segment_X__c",
            "\"passwords\":{|\"colour\":1,\"passwords\":{|unknown top-level field 'colour'"})
    void shouldRefuseABadDocumentWithAClearMessage(String original, String replacement, String message) {
        String text = new String(document, StandardCharsets.UTF_8);
        assertTrue(text.contains(original), original);
        byte[] bad = text.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement)).getBytes(StandardCharsets.UTF_8);

        OrgSnapshotFile.InvalidSnapshotException error = assertThrows(OrgSnapshotFile.InvalidSnapshotException.class,
                () -> imported(bad));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @Test
    void shouldRefuseTheSnapshotOfAnotherOrg() {
        String other = SalesforceIds.to18("00DPb0000000002");
        byte[] bad = new String(document, StandardCharsets.UTF_8).replace("\"orgId\":\"" + source.orgId() + "\"",
                "\"orgId\":\"" + other + "\"").getBytes(StandardCharsets.UTF_8);
        OrgSnapshotFile.InvalidSnapshotException error = assertThrows(OrgSnapshotFile.InvalidSnapshotException.class,
                () -> imported(bad));
        assertEquals("the snapshot is of org " + other + ", this emulator runs org " + source.orgId(),
                error.getMessage());
    }

    @Test
    void shouldNameTheRecordAndFieldOfAValueOfTheWrongTypeAndLeaveTheOrgUnchanged() throws IOException {
        Org target = newOrg();
        String admin = target.adminUserId();
        target.insert(admin, "Account", Map.of("Name", "Before", "NumberOfEmployees", 12));
        String text = new String(export(target), StandardCharsets.UTF_8);
        // NumberOfEmployees is an int: a string there must be refused.
        assertTrue(text.contains(",12,"), text);
        String bad = text.replace(",12,", ",\"many\",");
        OrgSnapshotFile.InvalidSnapshotException error = assertThrows(OrgSnapshotFile.InvalidSnapshotException.class,
                () -> target.importSnapshot(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))));
        assertTrue(error.getMessage().contains("Account record 1, field NumberOfEmployees: expected an integer"),
                error.getMessage());
        assertEquals(1, target.count("Account"), "a refused document changes nothing");

        String truncated = text.substring(0, text.length() / 2);
        OrgSnapshotFile.InvalidSnapshotException broken = assertThrows(
                OrgSnapshotFile.InvalidSnapshotException.class,
                () -> target.importSnapshot(new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8))));
        assertTrue(broken.getMessage().startsWith("not valid JSON"), broken.getMessage());
    }

    @Test
    void shouldRefuseDuplicateIdsAndDanglingReferences() {
        String text = new String(document, StandardCharsets.UTF_8);
        String firstAccountId = (String) source.records("Account").get(0).get("Id");
        String secondAccountId = (String) source.records("Account").get(1).get("Id");
        // Give the second account the first one's id.
        String duplicated = text.replaceFirst("\\[\"" + secondAccountId + "\"", "[\"" + firstAccountId + "\"");
        OrgSnapshotFile.InvalidSnapshotException duplicate = assertThrows(
                OrgSnapshotFile.InvalidSnapshotException.class,
                () -> imported(duplicated.getBytes(StandardCharsets.UTF_8)));
        assertTrue(duplicate.getMessage().contains("duplicate Id " + firstAccountId), duplicate.getMessage());

        String unknownUser = SalesforceIds.of("005", 999_999);
        String ownerId = (String) source.records("Account").get(0).get("OwnerId");
        String dangling = text.replaceFirst("\\[\"" + firstAccountId + "\",\"" + ownerId + "\"",
                "[\"" + firstAccountId + "\",\"" + unknownUser + "\"");
        OrgSnapshotFile.InvalidSnapshotException reference = assertThrows(
                OrgSnapshotFile.InvalidSnapshotException.class,
                () -> imported(dangling.getBytes(StandardCharsets.UTF_8)));
        assertTrue(reference.getMessage().contains("OwnerId refers to " + unknownUser), reference.getMessage());
    }
}

package dev.planbridge.emulator.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Snapshot files saved before issue #17 hold only the fields (and objects) of the old org; they still load, the
 * new fields start empty, and the old fields keep their values.
 */
class LegacySnapshotCompatibilityTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldLoadASnapshotWithOnlyTheFieldsAndObjectsOfTheOldOrg(@TempDir Path folder) throws Exception {
        Org original = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(), FIXED);
        OrgGenerator.generate(original, new OrgGenerator.Options(200, 12, 7, LocalDate.of(2026, 11, 29)));
        Path file = folder.resolve("org.json");
        OrgSnapshotFile.save(original, file);
        Path old = folder.resolve("old-org.json");
        Files.writeString(old, toOldShape(Files.readString(file)));

        Org loaded = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(), FIXED);
        OrgSnapshotFile.load(loaded, old);

        List<Map<String, Object>> before = original.records("Account");
        List<Map<String, Object>> after = loaded.records("Account");
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            for (String field : LegacyValuesDigest.LEGACY_FIELDS.get("Account")) {
                assertEquals(before.get(i).get(field), after.get(i).get(field), field);
            }
            assertNull(after.get(i).get("Phone"), "a field the old file lacks starts empty");
        }
        assertEquals(0, loaded.count("Contact"));
    }

    private static final List<String> NEW_OBJECTS = List.of("Contact", "AccountTeamMember", "OpportunityTeamMember",
            "ObjectTerritory2AssignmentRule", "ObjectTerritory2AssignmentRuleItem", "RuleTerritory2Association");
    private static final List<String> NARROWED = List.of("User", "Account", "Opportunity");

    /** The file as the old emulator wrote it: no new objects; User, Account, Opportunity with their old fields. */
    private static String toOldShape(String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(json);
        ArrayNode objects = (ArrayNode) root.get("objects");
        ArrayNode kept = mapper.createArrayNode();
        for (JsonNode object : objects) {
            String name = object.get("name").asText();
            if (NEW_OBJECTS.contains(name)) {
                continue;
            }
            if (!NARROWED.contains(name)) {
                kept.add(object);
                continue;
            }
            List<String> legacy = LegacyValuesDigest.LEGACY_FIELDS.get(name);
            List<Integer> columns = new ArrayList<>();
            ArrayNode fields = mapper.createArrayNode();
            for (int i = 0; i < object.get("fields").size(); i++) {
                if (legacy.contains(object.get("fields").get(i).asText())) {
                    columns.add(i);
                    fields.add(object.get("fields").get(i));
                }
            }
            ArrayNode records = mapper.createArrayNode();
            for (JsonNode record : object.get("records")) {
                ArrayNode values = mapper.createArrayNode();
                columns.forEach(c -> values.add(record.get("values").get(c)));
                ObjectNode narrowed = ((ObjectNode) record).deepCopy();
                narrowed.set("values", values);
                records.add(narrowed);
            }
            ObjectNode copy = ((ObjectNode) object).deepCopy();
            copy.set("fields", fields);
            copy.set("records", records);
            kept.add(copy);
        }
        root.set("objects", kept);
        return mapper.writeValueAsString(root);
    }
}

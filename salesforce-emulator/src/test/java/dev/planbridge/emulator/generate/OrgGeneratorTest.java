package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrgGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private static Org org;

    @BeforeAll
    static void generateOnce() {
        org = newOrg();
        OrgGenerator.generate(org, new OrgGenerator.Options(2_000, 60, 42, TODAY));
    }

    private static Org newOrg() {
        return new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(), FIXED);
    }

    @Test
    void shouldGenerateIdenticalOrgForSameSeed() {
        Org again = newOrg();
        OrgGenerator.generate(again, new OrgGenerator.Options(2_000, 60, 42, TODAY));

        for (String object : List.of(OrgSchema.USER, OrgSchema.USER_ROLE, OrgSchema.ACCOUNT, OrgSchema.OPPORTUNITY,
                OrgSchema.TERRITORY2, OrgSchema.USER_TERRITORY2_ASSOCIATION, OrgSchema.OBJECT_TERRITORY2_ASSOCIATION,
                OrgSchema.PERIOD)) {
            assertEquals(copies(org.records(object)), copies(again.records(object)), object + " differs");
        }
    }

    @Test
    void shouldGenerateDifferentOrgForDifferentSeed() {
        Org other = newOrg();
        OrgGenerator.generate(other, new OrgGenerator.Options(2_000, 60, 43, TODAY));

        assertNotEquals(names(org.records(OrgSchema.ACCOUNT)), names(other.records(OrgSchema.ACCOUNT)));
        assertNotEquals(names(org.records(OrgSchema.USER)), names(other.records(OrgSchema.USER)));
    }

    @Test
    void shouldCreateRequestedSizeAndStartWithEmptyChangeLog() {
        assertEquals(2_000, org.count(OrgSchema.ACCOUNT));
        assertEquals(62, org.count(OrgSchema.USER), "60 sales users plus admin and sync user");
        assertTrue(org.count(OrgSchema.OPPORTUNITY) > 1_000);
        assertTrue(org.changeLog().isEmpty(), "the generated org is the baseline");
    }

    @Test
    void shouldHaveExactlyOneActiveTerritoryModelWithConsistentHierarchy() {
        List<Map<String, Object>> models = org.records(OrgSchema.TERRITORY2_MODEL);
        assertEquals(1, models.stream().filter(m -> "Active".equals(m.get("State"))).count());
        String modelId = (String) models.get(0).get("Id");

        List<Map<String, Object>> territories = org.records(OrgSchema.TERRITORY2);
        Map<String, Map<String, Object>> byId = byId(territories);
        Set<String> developerNames = new HashSet<>();
        int roots = 0;
        for (Map<String, Object> territory : territories) {
            assertEquals(modelId, territory.get("Territory2ModelId"));
            assertTrue(developerNames.add((String) territory.get("DeveloperName")), "DeveloperName unique per model");
            String parent = (String) territory.get("ParentTerritory2Id");
            if (parent == null) {
                roots++;
            } else {
                assertNotNull(byId.get(parent), "parent of " + territory.get("DeveloperName") + " exists");
            }
            assertNotNull(org.get((String) territory.get("Territory2TypeId")));
        }
        assertEquals(1, roots);

        List<Object> priorities = org.records(OrgSchema.TERRITORY2_TYPE).stream().map(t -> t.get("Priority")).toList();
        assertEquals(priorities.size(), new HashSet<>(priorities).size(), "Territory2Type Priority unique");
    }

    @Test
    void shouldFormRoleTreeMatchingManagers() {
        Map<String, Map<String, Object>> roles = byId(org.records(OrgSchema.USER_ROLE));
        for (Map<String, Object> role : roles.values()) {
            Set<String> seen = new HashSet<>();
            for (String cursor = (String) role.get("Id"); cursor != null;
                 cursor = (String) roles.get(cursor).get("ParentRoleId")) {
                assertTrue(seen.add(cursor), "no cycle in role hierarchy");
                assertNotNull(roles.get(cursor), "parent role exists");
            }
        }
        Map<String, Map<String, Object>> users = byId(org.records(OrgSchema.USER));
        int managed = 0;
        for (Map<String, Object> user : users.values()) {
            String managerId = (String) user.get("ManagerId");
            if (managerId == null) {
                continue;
            }
            managed++;
            Map<String, Object> manager = users.get(managerId);
            Object parentRole = roles.get((String) user.get("UserRoleId")).get("ParentRoleId");
            assertEquals(manager.get("UserRoleId"), parentRole, "a user's role is the child of the manager's role");
        }
        assertEquals(59, managed, "everyone but the CRO (and the two default users) has a manager");
    }

    @Test
    void shouldGiveAccountsRealisticAttributesAndOwners() {
        Set<String> salesUsers = org.records(OrgSchema.USER).stream().filter(u -> u.get("ManagerId") != null)
                .map(u -> (String) u.get("Id")).collect(Collectors.toSet());
        Map<String, Integer> countries = new HashMap<>();
        Set<String> externalIds = new HashSet<>();
        for (Map<String, Object> account : org.records(OrgSchema.ACCOUNT)) {
            assertTrue(salesUsers.contains((String) account.get("OwnerId")), "owned by a rep");
            Integer employees = (Integer) account.get("NumberOfEmployees");
            assertEquals(OrgGenerator.segmentOf(employees), account.get("Segment__c"));
            assertNotNull(account.get("BillingPostalCode"));
            assertNotNull(account.get("Industry"));
            assertTrue(externalIds.add((String) account.get("External_Id__c")));
            countries.merge((String) account.get("BillingCountry"), 1, Integer::sum);
        }
        int us = countries.get("United States");
        assertTrue(us > 700 && us < 1_200, "about 42 % US accounts, was " + us);
        assertTrue(countries.size() > 15);
        long enterprise = org.records(OrgSchema.ACCOUNT).stream()
                .filter(a -> "Enterprise".equals(a.get("Segment__c"))).count();
        assertTrue(enterprise > 20 && enterprise < 400, "Enterprise is the thin tail, was " + enterprise);
        assertTrue(org.records(OrgSchema.ACCOUNT).stream().anyMatch(a -> a.get("ParentId") != null));
        BigDecimal maxRevenue = org.records(OrgSchema.ACCOUNT).stream().map(a -> (BigDecimal) a.get("AnnualRevenue"))
                .filter(r -> r != null).max(BigDecimal::compareTo).orElseThrow();
        assertTrue(maxRevenue.compareTo(BigDecimal.valueOf(100_000_000)) > 0, "revenue is heavy-tailed");
    }

    @Test
    void shouldAssignAccountsToLeafTerritoriesOfTheirOwners() {
        Map<String, Set<String>> territoriesOfUser = new HashMap<>();
        for (Map<String, Object> uta : org.records(OrgSchema.USER_TERRITORY2_ASSOCIATION)) {
            territoriesOfUser.computeIfAbsent((String) uta.get("UserId"), k -> new HashSet<>())
                    .add((String) uta.get("Territory2Id"));
        }
        Map<String, Map<String, Object>> accounts = byId(org.records(OrgSchema.ACCOUNT));
        List<Map<String, Object>> associations = org.records(OrgSchema.OBJECT_TERRITORY2_ASSOCIATION);
        assertTrue(associations.size() > 1_900);
        for (Map<String, Object> ota : associations) {
            Map<String, Object> account = accounts.get((String) ota.get("ObjectId"));
            assertNotNull(account);
            assertEquals("Account", ota.get("SobjectType"));
            assertTrue(territoriesOfUser.get((String) account.get("OwnerId")).contains((String) ota.get("Territory2Id")),
                    "the owner works the account's territory");
        }
    }

    @Test
    void shouldCreateForecastingTypeAndFiscalPeriods() {
        assertEquals(1, org.find(OrgSchema.FORECASTING_TYPE, "DeveloperName", "OpportunityRevenue").size());
        Map<Object, Long> byType = org.records(OrgSchema.PERIOD).stream()
                .collect(Collectors.groupingBy(p -> p.get("Type"), Collectors.counting()));
        assertEquals(Map.of("Year", 3L, "Quarter", 12L, "Month", 36L), byType, "last, this and next year");
        int referenceYear = TODAY.getYear();
        assertEquals(java.util.Set.of("FY" + (referenceYear - 1), "FY" + referenceYear, "FY" + (referenceYear + 1)),
                org.records(OrgSchema.PERIOD).stream().filter(p -> "Year".equals(p.get("Type")))
                        .map(p -> p.get("FullyQualifiedLabel")).collect(Collectors.toSet()));
        assertTrue(org.records(OrgSchema.OPPORTUNITY).stream().anyMatch(o -> Boolean.TRUE.equals(o.get("IsClosed"))));
        assertTrue(org.records(OrgSchema.OPPORTUNITY).stream().anyMatch(o -> Boolean.FALSE.equals(o.get("IsClosed"))));
    }

    @Test
    void shouldLetGeneratedUsersLogIn() {
        Map<String, Object> rep = org.records(OrgSchema.USER).stream()
                .filter(u -> "Account Executive".equals(u.get("Title")) && Boolean.TRUE.equals(u.get("IsActive")))
                .findFirst().orElseThrow();
        assertEquals(rep.get("Id"), org.authenticate((String) rep.get("Username"), OrgGenerator.GENERATED_USER_PASSWORD));
    }

    @Test
    void shouldStaffTinyTeamsAndRejectImpossibleOnes() {
        Org tiny = newOrg();
        OrgGenerator.generate(tiny, new OrgGenerator.Options(50, 4, 7, TODAY));
        assertEquals(6, tiny.count(OrgSchema.USER));
        assertEquals(50, tiny.count(OrgSchema.ACCOUNT));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new OrgGenerator.Options(10, 3, 1, TODAY));
        assertTrue(error.getMessage().contains("users must be between 4"));
        assertThrows(IllegalArgumentException.class, () -> new OrgGenerator.Options(-1, 10, 1, TODAY));
    }

    @Test
    void shouldSwapInABackdatedOrgGeneratedOnTheSide() {
        Org live = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users(), Clock.systemUTC());
        Instant before = Instant.now();

        OrgGenerator.Detached generated = OrgGenerator.generateDetached(live.orgId(),
                EmulatorConfig.defaults().users(), OrgGenerator.Options.of(1_000, 20, 3));
        assertEquals(0, live.count(OrgSchema.ACCOUNT), "nothing visible before the swap");
        live.restore(generated.snapshot());

        Instant after = Instant.now();
        assertEquals(1_000, live.count(OrgSchema.ACCOUNT));
        assertEquals(generated.result().counts(), live.counts());
        assertEquals(live.adminUserId(), live.authenticate(EmulatorConfig.ADMIN_USERNAME, EmulatorConfig.ADMIN_PASSWORD));
        Instant newest = live.records(OrgSchema.OPPORTUNITY).stream().map(o -> (Instant) o.get("SystemModstamp"))
                .max(Instant::compareTo).orElseThrow();
        assertFalse(newest.isAfter(after), "no SystemModstamp in the future: " + newest + " > " + after);
        assertFalse(live.now().isAfter(after.plusMillis(100)), "the org's time is the wall clock");
        assertTrue(((Instant) live.records(OrgSchema.ACCOUNT).get(0).get("CreatedDate")).isBefore(before));

        String accountId = (String) live.records(OrgSchema.ACCOUNT).get(0).get("Id");
        live.updateRecord(live.adminUserId(), accountId, Map.of("Industry", "Energy"));
        Instant updated = (Instant) live.get(accountId).get("SystemModstamp");
        assertTrue(updated.isAfter(newest), "later writes get later SystemModstamps");
    }

    @Test
    void shouldCoverEveryUnitWhenAllocatingPeople() {
        double[] weights = {5, 1, 1, 3};
        List<List<Integer>> few = Allocation.assign(2, weights);
        assertEquals(2, few.size());
        assertEquals(List.of(0, 1, 2, 3), few.stream().flatMap(List::stream).toList());
        List<List<Integer>> many = Allocation.assign(10, weights);
        assertEquals(10, many.size());
        assertEquals(Set.of(0, 1, 2, 3), many.stream().flatMap(List::stream).collect(Collectors.toSet()));
        assertFalse(Allocation.assign(1, weights).get(0).isEmpty());
    }

    private static List<Map<String, Object>> copies(List<Map<String, Object>> records) {
        List<Map<String, Object>> result = new ArrayList<>();
        records.forEach(r -> result.add(new LinkedHashMap<>(r)));
        return result;
    }

    private static List<Object> names(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get("Name")).toList();
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> result = new HashMap<>();
        records.forEach(r -> result.put((String) r.get("Id"), r));
        return result;
    }
}

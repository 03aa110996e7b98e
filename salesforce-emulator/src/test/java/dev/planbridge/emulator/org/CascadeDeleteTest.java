package dev.planbridge.emulator.org;

import dev.planbridge.emulator.EmulatorConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delete cascades and undelete restores, as Salesforce does them. */
class CascadeDeleteTest {

    private Org org;
    private String admin;
    private String account;
    private String child;
    private String opportunity;
    private String otherOpportunity;
    private String model;
    private String type;
    private String parentTerritory;
    private String territory;
    private String association;
    private String userAssociation;

    @BeforeEach
    void buildOrg() {
        org = new Org(EmulatorConfig.DEFAULT_ORG_ID, EmulatorConfig.defaults().users());
        admin = org.adminUserId();
        account = org.insert(admin, "Account", Map.of("Name", "Parent Co"));
        child = org.insert(admin, "Account", Map.of("Name", "Child Co", "ParentId", account));
        opportunity = org.insert(admin, "Opportunity", Map.of("Name", "Deal", "AccountId", account,
                "StageName", "Prospecting", "CloseDate", LocalDate.of(2026, 12, 1)));
        otherOpportunity = org.insert(admin, "Opportunity", Map.of("Name", "Child Deal", "AccountId", child,
                "StageName", "Prospecting", "CloseDate", LocalDate.of(2026, 12, 1)));
        model = org.insert(admin, "Territory2Model", Map.of("Name", "FY27", "DeveloperName", "FY27"));
        type = org.insert(admin, "Territory2Type", Map.of("MasterLabel", "Region", "DeveloperName", "Region",
                "Priority", 1));
        parentTerritory = org.insert(admin, "Territory2", Map.of("Name", "EMEA", "DeveloperName", "EMEA",
                "Territory2ModelId", model, "Territory2TypeId", type));
        territory = org.insert(admin, "Territory2", Map.of("Name", "DACH", "DeveloperName", "DACH",
                "Territory2ModelId", model, "Territory2TypeId", type, "ParentTerritory2Id", parentTerritory));
        association = org.insert(admin, "ObjectTerritory2Association", Map.of("ObjectId", account,
                "Territory2Id", territory, "AssociationCause", "Territory2Manual"));
        userAssociation = org.insert(admin, "UserTerritory2Association", Map.of("UserId", admin,
                "Territory2Id", territory));
    }

    private boolean deleted(String id) {
        return Boolean.TRUE.equals(org.get(id).get("IsDeleted"));
    }

    @Test
    void shouldDeleteAnAccountsOpportunitiesAndTerritoryAssociationsAndClearItsChildrensParent() {
        Instant before = (Instant) org.get(child).get("SystemModstamp");
        org.deleteRecord(admin, account);

        assertTrue(deleted(account));
        assertTrue(deleted(opportunity), "opportunities go to the recycle bin with their account");
        assertTrue(deleted(association), "territory associations are deleted (queryable for 12 hours)");
        assertFalse(deleted(child), "child accounts stay");
        assertNull(org.get(child).get("ParentId"), "their Parent Account is cleared");
        assertTrue(((Instant) org.get(child).get("SystemModstamp")).isAfter(before));
        assertFalse(deleted(otherOpportunity));
        assertEquals(1, org.query("SELECT Id FROM ObjectTerritory2Association", true).size());
        assertEquals(0, org.query("SELECT Id FROM ObjectTerritory2Association", false).size());

        Instant stamp = (Instant) org.get(account).get("SystemModstamp");
        List<String> deletes = org.changeLog().stream().filter(e -> e.op() == ChangeLogEntry.Op.DELETE)
                .map(ChangeLogEntry::id).toList();
        assertEquals(List.of(account, opportunity, association), deletes);
        while (!org.now().isAfter(stamp)) {
            Thread.onSpinWait(); // getDeleted covers [start, min(end, now)): let the clock pass the delete
        }
        assertTrue(org.getDeleted("Opportunity", stamp.minusSeconds(1), stamp.plusSeconds(1)).records().stream()
                .anyMatch(r -> r.id().equals(opportunity)), "getDeleted reports the cascaded opportunity");
    }

    @Test
    void shouldRestoreOpportunitiesAndTheChildrensParentOnUndeleteButNotTerritoryAssociations() {
        org.deleteRecord(admin, account);
        WriteResult refused = org.undelete(admin, List.of(opportunity), WriteOptions.DEFAULT).get(0);
        assertFalse(refused.success());
        assertEquals("UNDELETE_FAILED", refused.errors().get(0).statusCode());
        assertTrue(refused.errors().get(0).message().contains("undelete the parent"));

        assertTrue(org.undelete(admin, List.of(account), WriteOptions.DEFAULT).get(0).success());

        assertFalse(deleted(account));
        assertFalse(deleted(opportunity), "restored with its account");
        assertEquals(account, org.get(child).get("ParentId"), "the cleared relationship is restored");
        assertTrue(deleted(association), "associations bypass the recycle bin: not restored");
    }

    @Test
    void shouldNotRestoreAParentRelationshipThatWasReplacedMeanwhile() {
        String other = org.insert(admin, "Account", Map.of("Name", "Other Parent"));
        org.deleteRecord(admin, account);
        org.updateRecord(admin, child, Map.of("ParentId", other));
        org.undelete(admin, List.of(account), WriteOptions.DEFAULT);
        assertEquals(other, org.get(child).get("ParentId"));
    }

    @Test
    void shouldRollTheWholeCascadeBackWithAllOrNone() {
        List<WriteResult> results = org.delete(admin, List.of(account, "001000000000000AAA"),
                WriteOptions.DEFAULT.withAllOrNone(true));
        assertFalse(results.get(0).success());
        assertFalse(deleted(account));
        assertFalse(deleted(opportunity));
        assertFalse(deleted(association));
        assertEquals(account, org.get(child).get("ParentId"));
    }

    @Test
    void shouldRefuseToDeleteTerritoriesWithChildrenAndTypesInUseButCascadeATerritorysAssociations() {
        WriteResult parent = org.delete(admin, List.of(parentTerritory), WriteOptions.DEFAULT).get(0);
        assertEquals("DELETE_FAILED", parent.errors().get(0).statusCode());
        assertEquals("DELETE_FAILED", org.delete(admin, List.of(type), WriteOptions.DEFAULT).get(0).errors().get(0)
                .statusCode());

        // Children first in one call: the parent's delete sees that its only child is gone.
        List<WriteResult> both = org.delete(admin, List.of(territory, parentTerritory), WriteOptions.DEFAULT);
        assertTrue(both.get(0).success() && both.get(1).success(), both.toString());
        assertTrue(deleted(association));
        assertNull(org.get(userAssociation), "user associations have no recycle bin");
        assertTrue(org.delete(admin, List.of(type), WriteOptions.DEFAULT).get(0).success(), "no longer in use");
    }

    @Test
    void shouldDeleteAModelWithItsTerritoriesButNeverAnActiveOne() {
        org.setTerritoryModelJobDuration(java.time.Duration.ZERO);
        org.updateRecord(admin, model, Map.of("State", "Active"));
        org.completeTerritoryModelJobs();
        assertEquals("DELETE_FAILED", org.delete(admin, List.of(model), WriteOptions.DEFAULT).get(0).errors().get(0)
                .statusCode());
        org.updateRecord(admin, model, Map.of("State", "Archived"));
        org.completeTerritoryModelJobs();

        org.deleteRecord(admin, model);

        assertTrue(deleted(parentTerritory));
        assertTrue(deleted(territory));
        assertTrue(deleted(association));
        assertNull(org.get(userAssociation));
        assertEquals(0, org.count("Territory2"));
    }

    @Test
    void shouldRefuseToDeleteARoleThatIsInUse() {
        String role = org.insert(admin, "UserRole", Map.of("Name", "Sales"));
        org.updateRecord(admin, admin, Map.of("UserRoleId", role));
        WriteResult refused = org.delete(admin, List.of(role), WriteOptions.DEFAULT).get(0);
        assertEquals("DELETE_FAILED", refused.errors().get(0).statusCode());
        assertTrue(refused.errors().get(0).message().contains("users are assigned to this role"));
    }
}

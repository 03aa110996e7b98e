package dev.planbridge.planning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain rules stay plain Java: no Quarkus, JAX-RS, JPA or JDBC in the classes that decide. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planbridge.planning");

    @Test
    void shouldKeepDomainRulesFreeOfFrameworks() {
        noClasses().that().haveSimpleNameStartingWith("TerritoryHierarchy")
                .or().haveSimpleNameStartingWith("AssignmentEngine")
                .or().haveSimpleNameStartingWith("RuleCriteria")
                .or().haveSimpleNameStartingWith("CompiledCriteria")
                .or().haveSimpleNameStartingWith("BooleanFilter")
                .or().haveSimpleNameStartingWith("RuleOperator")
                .or().haveSimpleNameStartingWith("AccountFieldCatalog")
                .or().haveSimpleNameStartingWith("OwnerOverlap")
                .or().haveSimpleNameStartingWith("RampProfile")
                .or().haveSimpleNameStartingWith("QuotaRollup")
                .or().haveSimpleNameStartingWith("SpreadStats")
                .or().haveSimpleNameStartingWith("DisruptionClassifier")
                .or().haveSimpleNameStartingWith("FiscalCalendar")
                .or().haveSimpleNameStartingWith("FormulaGuard")
                .or().haveSimpleNameStartingWith("PlanAssignmentState")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.ws.rs..",
                        "jakarta.persistence..", "java.sql..", "io.agroal..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepResourcesThin() {
        noClasses().that().haveSimpleNameEndingWith("Resource").and().doNotHaveSimpleName("CrmResource")
                .and().doNotHaveSimpleName("CsvResource")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "jakarta.persistence..")
                .check(CLASSES);
    }
}

package dev.planbridge.planning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * "Only depend on" rules per package: the shared base ({@code common}, {@code audit}, {@code security}) knows no
 * feature; the web console is the top that no feature depends on; the service depends on no other service. The
 * plain-Java rules (hierarchy, rule engine, rollups) share their feature packages with entities and services, so
 * their framework-free rule still names them: moving them into {@code <feature>/domain} packages would let a package
 * rule replace the list.
 */
class ArchitectureTest {

    private static final String COMMON = "dev.planbridge.planning.common..";
    private static final String SERVICE_SUPPORT = "dev.planbridge.support..";

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

    @Test
    void shouldKeepTheCommonBaseFreeOfFeatures() {
        classes().that().resideInAPackage(COMMON)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta..", "io.quarkus..",
                        "io.smallrye..", "org.eclipse.microprofile..", "com.fasterxml.jackson..", COMMON,
                        SERVICE_SUPPORT)
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheAuditLogAndTokenCacheOnTheCommonBaseOnly() {
        classes().that().resideInAnyPackage("dev.planbridge.planning.audit..", "dev.planbridge.planning.security..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "jakarta..",
                        "io.quarkus..", "io.smallrye..", "org.eclipse.microprofile..", "com.fasterxml.jackson..",
                        "dev.planbridge.planning.audit..", "dev.planbridge.planning.security..", COMMON)
                .check(CLASSES);
    }

    @Test
    void shouldLetNoFeatureDependOnTheWebConsole() {
        noClasses().that().resideOutsideOfPackage("dev.planbridge.planning.console..")
                .should().dependOnClassesThat().resideInAPackage("dev.planbridge.planning.console..")
                .check(CLASSES);
    }

    @Test
    void shouldDependOnNoOtherServiceAndOnlyOnTheStack() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "jakarta..",
                        "dev.planbridge.planning..", "dev.planbridge.contracts..", SERVICE_SUPPORT, "io.quarkus..",
                        "io.smallrye..", "io.agroal..", "org.eclipse.microprofile..", "org.jboss.logging..",
                        "org.hibernate..", "com.fasterxml.jackson..", "org.apache.commons.csv..", "org.postgresql..")
                .check(CLASSES);
    }
}

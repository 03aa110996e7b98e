package dev.planbridge.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * "Only depend on" rules per package: the domain decides in plain Java over {@code contracts} and the support
 * modules; the adapters ({@code crm}, {@code plan}) add only their own client; only {@code push} ties them together.
 */
class ArchitectureTest {

    private static final String CONTRACTS = "dev.planbridge.contracts..";
    private static final String SALESFORCE_SUPPORT = "dev.planbridge.salesforce..";
    private static final String SERVICE_SUPPORT = "dev.planbridge.support..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planbridge.sync");

    @Test
    void shouldKeepTheDomainOnJavaContractsAndTheSupportModules() {
        classes().that().resideInAPackage("dev.planbridge.sync.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.planbridge.sync.domain..",
                        CONTRACTS, SALESFORCE_SUPPORT, SERVICE_SUPPORT)
                .check(classes);
    }

    @Test
    void shouldKeepTheSalesforceAdapterToTheDomainAndTheSalesforceClient() {
        classes().that().resideInAPackage("dev.planbridge.sync.crm..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.xml..",
                        "dev.planbridge.sync.crm..", "dev.planbridge.sync.domain..", SALESFORCE_SUPPORT,
                        "com.sforce..", "io.smallrye.config..", "org.eclipse.microprofile.config..",
                        "jakarta.enterprise..", "jakarta.inject..")
                .check(classes);
    }

    @Test
    void shouldKeepThePlanReaderToTheDomainContractsAndHttp() {
        classes().that().resideInAPackage("dev.planbridge.sync.plan..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.planbridge.sync.plan..",
                        "dev.planbridge.sync.domain..", CONTRACTS, "io.smallrye.config..", "jakarta.enterprise..",
                        "jakarta.inject..")
                .check(classes);
    }

    @Test
    void shouldLetOnlyThePushPackageUseTheApplicationLayer() {
        noClasses().that().resideOutsideOfPackage("dev.planbridge.sync.push..")
                .should().dependOnClassesThat().resideInAPackage("dev.planbridge.sync.push..")
                .check(classes);
    }

    @Test
    void shouldDependOnNoOtherServiceAndOnlyOnTheStack() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "jakarta..",
                        "dev.planbridge.sync..", CONTRACTS, SALESFORCE_SUPPORT, SERVICE_SUPPORT, "io.quarkus..",
                        "io.smallrye..", "org.eclipse.microprofile..", "org.jboss.logging..", "org.hibernate..",
                        "org.jboss.resteasy.reactive..", "org.apache.kafka..", "com.fasterxml.jackson..", "com.sforce..",
                        "io.micrometer..", "org.apache.commons.csv..", "org.postgresql..")
                .check(classes);
    }
}

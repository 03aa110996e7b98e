package dev.planbridge.changefeed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * "Only depend on" rules per package: the capture domain is plain Java over {@code contracts}; each adapter
 * (Kafka store, Salesforce source) adds only its own client; nothing depends on another service.
 */
class ArchitectureTest {

    private static final String CONTRACTS = "dev.planbridge.contracts..";
    private static final String CAPTURE = "dev.planbridge.changefeed.capture";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planbridge.changefeed");

    @Test
    void shouldKeepTheCaptureDomainOnJavaAndContracts() {
        classes().that().resideInAPackage(CAPTURE)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CAPTURE, CONTRACTS)
                .check(classes);
    }

    @Test
    void shouldKeepTheKafkaStoreToTheDomainAndKafka() {
        classes().that().resideInAPackage("dev.planbridge.changefeed.capture.kafka..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CAPTURE,
                        "dev.planbridge.changefeed.capture.kafka..", CONTRACTS, "org.apache.kafka..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void shouldKeepTheSalesforceSourceToTheDomainAndTheSalesforceClient() {
        classes().that().resideInAPackage("dev.planbridge.changefeed.salesforce..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.xml..", CAPTURE,
                        "dev.planbridge.changefeed.salesforce..", "dev.planbridge.salesforce..", "com.sforce..",
                        "io.smallrye.config..", CONTRACTS)
                .check(classes);
    }

    @Test
    void shouldDependOnNoOtherServiceAndOnlyOnTheStack() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "jakarta..",
                        "dev.planbridge.changefeed..", CONTRACTS, "dev.planbridge.salesforce..",
                        "dev.planbridge.support..", "io.quarkus..", "io.smallrye..", "org.eclipse.microprofile..",
                        "org.jboss.logging..", "org.hibernate..", "org.apache.kafka..", "com.fasterxml.jackson..",
                        "com.sforce..", "io.micrometer..", "org.apache.commons.csv..")
                .check(classes);
    }
}

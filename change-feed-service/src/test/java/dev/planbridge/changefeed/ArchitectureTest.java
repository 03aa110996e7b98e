package dev.planbridge.changefeed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The capture domain stays plain Java: it speaks CRM and store through its ports, never WSC, Kafka or Quarkus. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.planbridge.changefeed");

    @Test
    void shouldKeepTheCaptureDomainFreeOfFrameworksAndClients() {
        noClasses().that().resideInAPackage("dev.planbridge.changefeed.capture")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "com.sforce..", "jakarta.ws.rs..",
                        "org.apache.kafka..", "jakarta.enterprise..", "io.micrometer..", "java.sql..")
                .check(classes);
    }

    @Test
    void shouldKeepTheDomainIndependentOfTheAdapters() {
        noClasses().that().resideInAPackage("dev.planbridge.changefeed.capture")
                .should().dependOnClassesThat().resideInAnyPackage("dev.planbridge.changefeed.salesforce..",
                        "dev.planbridge.changefeed.runtime..", "dev.planbridge.changefeed.history..",
                        "dev.planbridge.changefeed.capture.kafka..")
                .check(classes);
    }
}

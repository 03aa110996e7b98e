package dev.planbridge.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldKeepTheDomainFreeOfQuarkusWscAndJaxRs() {
        noClasses().that().resideInAPackage("dev.planbridge.sync.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "com.sforce..", "jakarta.ws.rs..",
                        "jakarta.persistence..", "jakarta.enterprise..", "org.eclipse.microprofile..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.planbridge.sync"));
    }
}

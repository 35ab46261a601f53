package org.cellpath.referral;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's shape, checked: one package per feature (Spring Modulith application modules) with
 * no cycles and no use of another feature's internals; HTTP only in the web layer; the outbox
 * written only by the event stores.
 */
class ModuleStructureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.cellpath.referral");

  @Test
  void featuresDependOnEachOthersPublicTypesOnlyAndFormNoCycle() {
    ApplicationModules.of(ReferralApplication.class).verify();
  }

  @Test
  void onlyTheWebLayerKnowsHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..web..")
        .and()
        .haveSimpleNameNotEndingWith("Controller")
        .and()
        .haveSimpleNameNotEndingWith("Advice")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.cellpath.web..", "org.springframework.web..", "jakarta.servlet..")
        .because(
            "the domain refuses with org.cellpath.domain exceptions, which only the web layer maps to HTTP")
        .check(MAIN);
  }

  @Test
  void noUseCaseWritesToTheOutbox() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.cellpath.messaging.Outbox")
        .because(
            "a store publishes EventsRaised and the outbox wiring appends the events before commit (ADR 26)")
        .check(MAIN);
  }
}

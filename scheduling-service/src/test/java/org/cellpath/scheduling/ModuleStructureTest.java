package org.cellpath.scheduling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.cellpath.messaging.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The service reads as its feature packages: each one (planning, slots, booking, clinic, audit,
 * security) uses only the others' top-level types, no two depend on each other, only the web layer
 * knows HTTP, and only event stores write to the outbox.
 */
class ModuleStructureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.cellpath.scheduling");

  @Test
  void featurePackagesHaveNoCyclesAndUseOnlyEachOthersPublicTypes() {
    ApplicationModules.of(SchedulingApplication.class).verify();
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
        .check(MAIN);
  }

  @Test
  void noUseCaseWritesToTheOutboxItself() {
    // Scheduling's stores publish EventsRaised; service-support's outbox wiring appends them.
    // Nothing here needs
    // the outbox itself.
    noClasses()
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Outbox.class)
        .because(
            "a state change's events reach the outbox through EventsRaised, published by the store that saves it")
        .check(MAIN);
  }
}

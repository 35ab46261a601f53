package org.cellpath.notification;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.cellpath.messaging.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The service's shape, as every CellPath service has it: one package per feature directly below
 * {@link NotificationApplication}, each using only the other features' top-level public types, with
 * no cycle; HTTP only in the web layer; and no use case writing to the outbox (the store publishes
 * {@code EventsRaised}).
 */
class ModuleStructureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.cellpath.notification");

  @Test
  void featuresUseEachOtherOnlyThroughTheirTopLevelTypesAndFormNoCycle() {
    ApplicationModules.of(NotificationApplication.class).verify();
  }

  /**
   * Domain refusals come from {@code org.cellpath.domain}; only the web layer turns them (and
   * anything else) into HTTP. An HTTP client ({@code org.springframework.web.client}, the SMS
   * provider's) is an outbound adapter, not the web layer, and may live with its feature.
   */
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
        .dependOnClassesThat(
            resideInAnyPackage(
                    "org.cellpath.web..", "org.springframework.web..", "jakarta.servlet..")
                .and(not(resideInAPackage("org.springframework.web.client.."))))
        .check(MAIN);
  }

  @Test
  void noUseCaseWritesToTheOutbox() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Outbox.class)
        .because(
            "a store publishes EventsRaised with the change it saves; service-support appends them before commit")
        .check(MAIN);
  }
}

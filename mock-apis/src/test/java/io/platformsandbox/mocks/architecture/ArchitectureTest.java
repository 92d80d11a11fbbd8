package io.platformsandbox.mocks.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The module's boundaries, checked on every build. */
class ArchitectureTest {

  private static final JavaClasses MOCKS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.platformsandbox.mocks");

  @Test
  void publicApiPackagesDoNotExposeInternals() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "io.platformsandbox.mocks.proxy..",
                "io.platformsandbox.mocks.stubs..",
                "io.platformsandbox.mocks.faults..",
                "io.platformsandbox.mocks.journal..",
                "io.platformsandbox.mocks.recording..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.platformsandbox.mocks.internal..")
            .because("the engine and the workbench program against the feature packages; "
                + "internal can change without notice");
    rule.check(MOCKS);
  }

  @Test
  void nothingPrintsToTheConsole() {
    ArchRule rule =
        noClasses()
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("the module is embedded in the engine and the workbench; it logs through SLF4J");
    rule.check(MOCKS);
  }

  @Test
  void nothingDependsOnJavaFx() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .because("the engine embeds this module headless")
        .check(MOCKS);
  }
}

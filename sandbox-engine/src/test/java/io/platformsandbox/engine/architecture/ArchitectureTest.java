package io.platformsandbox.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine's boundaries, checked on every build. */
class ArchitectureTest {
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.platformsandbox.engine");

  static final ArchRule engineNeverUsesJavaFx =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..")
          .because("the engine runs headless in CI and is embedded by the workbench, never the other way round");

  static final ArchRule onlyTheCliConsolePrints =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.platformsandbox.engine.cli.Console")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("user-facing output goes through one class and everything else logs through SLF4J");

  static final ArchRule apiVocabularyKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("io.platformsandbox.engine.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.platformsandbox.engine.records..",
              "io.platformsandbox.engine.files..",
              "io.platformsandbox.engine.audit..",
              "io.platformsandbox.engine.tenants..",
              "io.platformsandbox.engine.control..",
              "io.platformsandbox.engine.http..")
          .because("every feature builds on the API vocabulary, so it must not depend on any of them");

  static final ArchRule httpLayerKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("io.platformsandbox.engine.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.platformsandbox.engine.records..",
              "io.platformsandbox.engine.files..",
              "io.platformsandbox.engine.audit..",
              "io.platformsandbox.engine.tenants..",
              "io.platformsandbox.engine.control..")
          .because("cross-cutting request handling works from the route table, not from feature internals");

  static final ArchRule featuresDoNotReachIntoEachOther =
      noClasses()
          .that()
          .resideInAPackage("io.platformsandbox.engine.records..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.platformsandbox.engine.files..", "io.platformsandbox.engine.control..")
          .because("each feature lives in its own package");

  static final ArchRule filterLanguageIsSelfContained =
      noClasses()
          .that()
          .resideInAPackage("io.platformsandbox.engine.records.filter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.platformsandbox.engine.store..", "io.platformsandbox.engine.api..", "io.platformsandbox.engine.http..")
          .because("the filter language compiles text to SQL and knows nothing of HTTP or storage");

  @Test
  void engineNeverUsesJavaFx() {
    engineNeverUsesJavaFx.check(ENGINE);
  }

  @Test
  void onlyTheCliConsolePrints() {
    onlyTheCliConsolePrints.check(ENGINE);
  }

  @Test
  void apiVocabularyKnowsNoFeature() {
    apiVocabularyKnowsNoFeature.check(ENGINE);
  }

  @Test
  void httpLayerKnowsNoFeature() {
    httpLayerKnowsNoFeature.check(ENGINE);
  }

  @Test
  void featuresDoNotReachIntoEachOther() {
    featuresDoNotReachIntoEachOther.check(ENGINE);
  }

  @Test
  void filterLanguageIsSelfContained() {
    filterLanguageIsSelfContained.check(ENGINE);
  }
}

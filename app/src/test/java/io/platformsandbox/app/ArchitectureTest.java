package io.platformsandbox.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workbench's boundaries (STYLE.md habits 3 and 8). */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.platformsandbox.app");
  }

  @Test
  void viewModelsDoNotUseTheSceneGraph() {
    noClasses()
        .that().haveSimpleNameEndingWith("ViewModel")
        .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..", "org.fxmisc..", "atlantafx..")
        .because("view models hold state and talk to the engine; only views touch controls, so view models are tested without JavaFX")
        .check(classes);
  }

  @Test
  void servicesAndModelsDoNotUseTheSceneGraph() {
    noClasses()
        .that().resideInAnyPackage("..app.core..", "..app.http..", "..app.model..", "..app.session..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..", "org.fxmisc..", "atlantafx..")
        .because("the session, the HTTP clients and the models are shared by every view and must stay testable without a toolkit")
        .check(classes);
  }

  @Test
  void theWorkbenchUsesOnlyTheEnginesPublicApi() {
    classes()
        .that().resideInAPackage("io.platformsandbox.app..")
        .should().onlyDependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "outside the engine, or the engine's Engine, EngineConfig or CLI entry",
                c -> !c.getPackageName().startsWith("io.platformsandbox.engine")
                    || c.getName().equals("io.platformsandbox.engine.Engine")
                    || c.getName().equals("io.platformsandbox.engine.EngineConfig")
                    || c.getName().equals("io.platformsandbox.engine.cli.SandboxCli")
                    || c.getName().equals("io.platformsandbox.engine.cli.Console")))
        .because("the workbench talks to the engine through Engine/EngineConfig and HTTP, never its internals")
        .check(classes);
  }

  @Test
  void onlyTheLauncherWritesToTheConsole() {
    noClasses()
        .that().resideInAPackage("io.platformsandbox.app..")
        .and().doNotHaveSimpleName("AppCommand")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .because("the workbench logs through SLF4J and shows problems in its window")
        .check(classes);
  }
}

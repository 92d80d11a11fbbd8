package io.platformsandbox.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The workbench's boundaries (STYLE.md habits 3 and 8). */
class ArchitectureTest {
  private static final String PLUGIN_API = "io.platformsandbox.engine.plugins";
  private static final Set<String> ENGINE_ENTRY =
      Set.of(
          "io.platformsandbox.engine.Engine",
          "io.platformsandbox.engine.EngineConfig",
          "io.platformsandbox.engine.cli.SandboxCli",
          "io.platformsandbox.engine.cli.Console");
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
            DescribedPredicate.describe(
                "outside the engine, or the engine's Engine, EngineConfig or CLI entry, or a public type of its plugin API",
                ArchitectureTest::allowedEngineType))
        .because("the workbench talks to the engine through Engine/EngineConfig, the plugin API and HTTP, never its internals (ADR 0009)")
        .check(classes);
  }

  /** The plugin API: public types of {@code engine.plugins..}, but not its {@code internal} packages (ADR 0009). */
  static boolean allowedEngineType(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith("io.platformsandbox.engine")) {
      return true;
    }
    if (pkg.startsWith(PLUGIN_API + ".") && !pkg.contains(".internal")) {
      JavaClass top = c;
      while (top.getEnclosingClass().isPresent()) {
        if (!top.getModifiers().contains(JavaModifier.PUBLIC)) {
          return false;
        }
        top = top.getEnclosingClass().get();
      }
      return top.getModifiers().contains(JavaModifier.PUBLIC);
    }
    return ENGINE_ENTRY.contains(c.getName());
  }

  @Test
  void thePluginApiRuleAdmitsItsPublicTypesAndNothingElseOfTheEngine() {
    JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.platformsandbox.engine");
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.plugins.runtime.PluginRuntime"))).isTrue();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.plugins.runtime.PluginLog$Line"))).isTrue();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.plugins.validation.Validator"))).isTrue();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.Engine"))).isTrue();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.plugins.validation.Session"))).as("package-private").isFalse();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.plugins.bundles.internal.CanonicalZip"))).as("internal").isFalse();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.records.RecordStore"))).as("another feature").isFalse();
    assertThat(allowedEngineType(engine.get("io.platformsandbox.engine.json.Json"))).as("engine helpers").isFalse();
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

package io.platformsandbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.Workbench;
import io.platformsandbox.app.WorkbenchOptions;
import io.platformsandbox.app.plugins.PluginConsoleViewModel;
import io.platformsandbox.app.plugins.PluginState;
import io.platformsandbox.app.session.SandboxStatus;
import io.platformsandbox.app.testsupport.Plugins;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import io.platformsandbox.engine.plugins.validation.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Plugins in the workbench, headless: a workspace with a copy of the Python sample and a plugin whose
 * manifest is broken; the explorer lists both, Run Plugin starts the sample with its output in a
 * console in the dock, Stop stops it; Validate on the broken one opens the report with M01 failed
 * (the full, 20 s validation is covered by the view-model test). The tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsUiTest {
  private static final FxRobot robot = new FxRobot();
  private static Workbench workbench;
  private static Path workspace;
  private static Path settingsDir;
  private static Path sample;
  private static Path broken;

  @BeforeAll
  static void open() throws Exception {
    settingsDir = Files.createTempDirectory("workbench-plugins-ui-settings");
    workspace = Files.createTempDirectory("workbench-plugins-ui");
    sample = Plugins.copySample("crm-sync-python", workspace);
    broken = Plugins.brokenManifest(workspace, "broken-plugin");
    Stage stage = FxToolkit.registerPrimaryStage();
    WorkbenchOptions options = WorkbenchOptions.defaults().withWorkspace(workspace).withPorts(0, 0).withSettingsDir(settingsDir).withDark(false);
    FxToolkit.setupFixture(() -> workbench = Workbench.open(stage, options));
    waitUntil(30, () -> workbench.session().status() == SandboxStatus.RUNNING);
    waitUntil(10, () -> workbench.explorer().plugins().size() == 2);
  }

  @AfterAll
  static void close() throws Exception {
    if (workbench != null) {
      FxToolkit.setupFixture(() -> workbench.close());
    }
    FxToolkit.cleanupStages();
    for (Path dir : new Path[] {workspace, settingsDir}) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static <T extends Node> T node(String query) {
    return robot.lookup(query).query();
  }

  private static boolean exists(String query) {
    return robot.lookup(query).tryQuery().isPresent();
  }

  private static String text(String query) {
    return ((Label) node(query)).getText();
  }

  private static String pluginNode(Path dir) {
    return "#node-" + ("plugin:" + dir).replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Clicks the plugin's name in the explorer (the row may be wider than the pane). */
  private static void select(Path plugin) throws Exception {
    Node cell = node(pluginNode(plugin));
    robot.clickOn(robot.from(cell).lookup(".label").<Node>query());
    waitUntil(5, () -> workbench.explorer().selectedPluginProperty().get() != null
        && workbench.explorer().selectedPluginProperty().get().dir().equals(plugin));
  }

  @Test
  @Order(1)
  void theExplorerListsThePluginsWithTheirVersionOrTheirFirstError() throws Exception {
    waitUntil(10, () -> exists(pluginNode(sample)) && exists(pluginNode(broken)));
    assertThat(workbench.explorer().find("plugin:" + sample).label()).isEqualTo("acme.crm-sync-python");
    assertThat(workbench.explorer().find("plugin:" + sample).detail()).isEqualTo("1.0.0");
    assertThat(workbench.explorer().find("plugin:" + broken).detail()).startsWith("line ").contains("runtime").hasSizeLessThanOrEqualTo(40);
    assertThat(node(pluginNode(broken)).getStyleClass()).contains("invalid");
  }

  @Test
  @Order(2)
  void runPluginShowsItsOutputInAConsoleInTheDockAndStopStopsIt() throws Exception {
    select(sample);
    robot.clickOn("#tb-run-plugin");
    waitUntil(10, () -> exists("#dock-plugin-acme_crm-sync-python"));
    PluginConsoleViewModel console = workbench.plugins().console(sample);
    waitUntil(30, () -> console.state() == PluginState.RUNNING);
    ListView<PluginLog.Line> lines = node("#plugin-console-list");
    waitUntil(10, () -> lines.getItems().stream().anyMatch(l -> l.text().contains("crm-sync listening")));
    assertThat(text("#plugin-console-state")).startsWith("Running in tenant dev");
    assertThat(node("#tb-stop-plugin").isDisabled()).isFalse();

    robot.clickOn("#plugin-console-stop");
    waitUntil(15, () -> console.state() == PluginState.STOPPED);
    assertThat(text("#plugin-console-state")).startsWith("Stopped").contains("exit code");
    assertThat(node("#tb-stop-plugin").isDisabled()).isTrue();
  }

  @Test
  @Order(3)
  void validatingABrokenManifestOpensTheReportWithM01Failed() throws Exception {
    select(broken);
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V);
    waitUntil(10, () -> exists("#validation-report") && "FAIL".equals(text("#validation-verdict")));
    TreeTableView<?> checks = node("#validation-checks");
    TreeItem<?> m01 = checks.getRoot().getChildren().get(0);
    assertThat(m01.getValue().toString()).contains("M01").contains("FAIL");
    assertThat(m01.isExpanded()).as("a failed check shows its evidence").isTrue();
    assertThat(m01.getChildren()).isNotEmpty();
    assertThat(checks.getRoot().getChildren()).hasSize(19);
    assertThat(checks.getRoot().getChildren().subList(1, 19))
        .allMatch(i -> i.getValue().toString().contains("status=" + CheckResult.Status.SKIP) || i.getValue().toString().contains("SKIP"));
    assertThat(text("#validation-summary")).startsWith("FAIL").contains("(M01)");
    assertThat(text("#validation-folder")).contains(broken.resolve(".sandbox").resolve("report").toString());
    assertThat(broken.resolve(".sandbox/report/report.html")).exists();
  }

  @Test
  @Order(4)
  void aManifestErrorTypedInTheEditorIsUnderlinedAndListedInProblemsWhereAClickGoesToItsLine() throws Exception {
    waitUntil(10, () -> exists(pluginNode(sample)) && node(pluginNode(sample)).getScene() != null);
    Node cell = node(pluginNode(sample));
    robot.doubleClickOn(robot.from(cell).lookup(".label").<Node>query());
    waitUntil(10, () -> exists("#code-area") && !((CodeArea) node("#code-area")).getText().isEmpty());
    CodeArea area = node("#code-area");
    assertThat(area.getParagraph(2).getText()).isEqualTo("version: 1.0.0");

    robot.clickOn(area);
    robot.interact(() -> area.moveTo(2, area.getParagraph(2).length()));
    robot.write("-x.");
    waitUntil(5, () -> workbench.shell().fileProblems().all().stream().anyMatch(p -> p.where().equals("plugin.yaml:3")));
    assertThat(text("#editor-problem")).startsWith("Line 3: version '1.0.0-x.' is not a semantic version");
    assertThat(area.getStyleOfChar(area.getAbsolutePosition(2, 3))).contains("problem");

    robot.interact(() -> area.moveTo(0));
    robot.clickOn("#dock-problems");
    TableView<?> problems = node("#problems");
    Node row = robot.from(problems).lookup(".table-row-cell.file-problem").query();
    robot.clickOn(row);
    waitUntil(5, () -> area.getCurrentParagraph() == 2);

    robot.interact(() -> area.replaceText(2, 0, 2, area.getParagraph(2).length(), "version: 1.0.0"));
    waitUntil(5, () -> workbench.shell().fileProblems().all().isEmpty());
    assertThat(exists("#editor-problem") && node("#editor-problem").isVisible()).isFalse();
  }
}

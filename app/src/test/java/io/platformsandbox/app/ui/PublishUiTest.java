package io.platformsandbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.Workbench;
import io.platformsandbox.app.WorkbenchOptions;
import io.platformsandbox.app.marketplace.MarketplaceEntry;
import io.platformsandbox.app.plugins.PluginConsoleViewModel;
import io.platformsandbox.app.plugins.PluginState;
import io.platformsandbox.app.session.SandboxStatus;
import io.platformsandbox.app.testsupport.ValidatedSample;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
 * Journey 1.7, headless: a workspace holding an already-validated copy of the Python sample and a
 * keys folder with no key yet. Package and Publish (Ctrl+Shift+B) generates the key, publishes to the
 * workspace marketplace and shows it there; Install into Tenant… runs it in another tenant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishUiTest {
  private static final FxRobot robot = new FxRobot();
  private static Workbench workbench;
  private static Path workspace;
  private static Path settingsDir;
  private static Path keysDir;
  private static Path sample;

  @BeforeAll
  static void open() throws Exception {
    settingsDir = Files.createTempDirectory("workbench-publish-ui-settings");
    keysDir = Files.createTempDirectory("workbench-publish-ui-keys").resolve("keys");
    workspace = Files.createTempDirectory("workbench-publish-ui");
    sample = ValidatedSample.copyInto(workspace);
    Stage stage = FxToolkit.registerPrimaryStage();
    WorkbenchOptions options = WorkbenchOptions.defaults().withWorkspace(workspace).withPorts(0, 0)
        .withSettingsDir(settingsDir).withDark(false).withKeysDir(keysDir);
    FxToolkit.setupFixture(() -> workbench = Workbench.open(stage, options));
    waitUntil(30, () -> workbench.session().status() == SandboxStatus.RUNNING);
    waitUntil(10, () -> workbench.explorer().plugins().size() == 1);
  }

  @AfterAll
  static void close() throws Exception {
    if (workbench != null) {
      FxToolkit.setupFixture(() -> workbench.close());
    }
    FxToolkit.cleanupStages();
    for (Path dir : new Path[] {workspace, settingsDir, keysDir.getParent()}) {
      ValidatedSample.delete(dir);
    }
  }

  private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static <T extends Node> T node(String query) {
    return robot.lookup(query).query();
  }

  private static boolean visible(String query) {
    return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
  }

  private static String text(String query) {
    return ((Label) node(query)).getText();
  }

  @Test
  @Order(1)
  void packageAndPublishGeneratesAKeyPublishesAndShowsThePluginInTheMarketplace() throws Exception {
    String id = "#node-" + ("plugin:" + sample).replaceAll("[^A-Za-z0-9_-]", "_");
    waitUntil(10, () -> robot.lookup(id).tryQuery().map(n -> n.getScene() != null).orElse(false));
    Node cell = node(id);
    robot.clickOn(robot.from(cell).lookup(".label").<Node>query());
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.B);

    waitUntil(10, () -> visible("#publish-dialog") && text("#publish-report-text").startsWith("Passed"));
    assertThat(visible("#publish-validate")).as("a matching report needs no validation").isFalse();
    assertThat(visible("#publish-generate-key")).isTrue();
    assertThat(node("#publish-ok").isDisabled()).as("no key yet").isTrue();

    robot.clickOn("#publish-generate-key");
    waitUntil(10, () -> !((TextField) node("#publish-key-fingerprint")).getText().isEmpty());
    assertThat(((TextField) node("#publish-key-fingerprint")).getText()).isEqualTo(PublisherKeys.load(keysDir).fingerprint());
    assertThat(text("#publish-registry-text")).contains("is new to the registry");

    robot.clickOn("#publish-ok");
    waitUntil(15, () -> text("#publish-outcome").startsWith("Published " + ValidatedSample.ID + " 1.0.0"));
    assertThat(new Registry(Registry.defaultDir(workspace)).find(ValidatedSample.ID, "1.0.0")).isPresent();

    robot.clickOn("#publish-show-marketplace");
    TableView<MarketplaceEntry> table = robot.lookup("#marketplace-table").queryTableView();
    waitUntil(10, () -> table.getItems().size() == 1);
    MarketplaceEntry e = table.getItems().get(0);
    assertThat(e.coordinates()).isEqualTo(ValidatedSample.ID + "@1.0.0");
    assertThat(e.keyFingerprint()).isEqualTo(PublisherKeys.load(keysDir).fingerprint());
    assertThat(text("#marketplace-status")).startsWith("1 plugin, 1 version");
    robot.clickOn("#publish-close");
  }

  @Test
  @Order(2)
  void installIntoTenantRunsTheVerifiedBundleInTheTenantPicked() throws Exception {
    TableView<MarketplaceEntry> table = robot.lookup("#marketplace-table").queryTableView();
    robot.interact(() -> table.getSelectionModel().select(0));
    assertThat(node("#marketplace-install").isDisabled()).as("a version is selected and the sandbox runs").isFalse();
    robot.clickOn("#marketplace-install");
    waitUntil(5, () -> visible("#install-plugin"));
    ComboBox<String> tenant = node("#field-tenant");
    robot.interact(() -> tenant.getEditor().setText("other"));
    robot.clickOn("#install-plugin-ok");

    Path installed = workspace.resolve(".sandbox/plugins/" + ValidatedSample.ID + "/1.0.0");
    waitUntil(30, () -> {
      PluginConsoleViewModel c = workbench.plugins().console(installed);
      return c != null && c.state() == PluginState.RUNNING;
    });
    assertThat(workbench.plugins().console(installed).tenant()).isEqualTo("other");
    assertThat(installed.resolve("plugin.py")).exists();
  }
}

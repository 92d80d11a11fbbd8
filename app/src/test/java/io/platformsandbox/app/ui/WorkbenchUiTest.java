package io.platformsandbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.Workbench;
import io.platformsandbox.app.WorkbenchOptions;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.records.RecordRow;
import io.platformsandbox.app.session.SandboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * The workbench driven as a user would, headless (Monocle), against its own in-process sandbox:
 * start, create a tenant and an app in their dialogs, create a collection, add a record in the
 * grid and see it in the traffic inspector, filter with a bad expression, send a request from the
 * API console, trigger an event and see it in the event timeline, save a snapshot, add a record and
 * restore the snapshot. One window for the whole class keeps the suite fast; the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchUiTest {
  private static final FxRobot robot = new FxRobot();
  private static Workbench workbench;
  private static Path settingsDir;

  @BeforeAll
  static void open() throws Exception {
    settingsDir = Files.createTempDirectory("workbench-ui-test");
    Stage stage = FxToolkit.registerPrimaryStage();
    WorkbenchOptions options = WorkbenchOptions.defaults().withInMemory(true).withPorts(0, -1).withSettingsDir(settingsDir).withDark(false);
    FxToolkit.setupFixture(() -> workbench = Workbench.open(stage, options));
    waitUntil(20, () -> workbench.session().status() == SandboxStatus.RUNNING);
  }

  @AfterAll
  static void close() throws Exception {
    if (workbench != null) {
      FxToolkit.setupFixture(() -> workbench.close());
    }
    FxToolkit.cleanupStages();
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

  private static void type(String fieldQuery, String text) {
    robot.clickOn(fieldQuery);
    robot.push(KeyCode.CONTROL, KeyCode.A);
    robot.write(text);
  }

  @Test
  @Order(1)
  void theSandboxRunsAndTheStatusBarSaysWhere() {
    assertThat(text("#status-state")).isEqualTo("Sandbox running");
    assertThat(text("#status-api")).startsWith("API 127.0.0.1:");
    assertThat(text("#status-workspace")).isEqualTo("in memory");
  }

  @Test
  @Order(2)
  void aTenantIsCreatedInItsDialogAndAnInvalidIdIsExplainedInline() throws Exception {
    robot.clickOn("#tb-new-tenant");
    waitUntil(5, () -> exists("#field-id"));
    type("#field-id", "Not Valid");
    robot.clickOn("#new-tenant-ok");
    waitUntil(5, () -> node("#error-id").isVisible());
    assertThat(text("#error-id")).containsIgnoringCase("lowercase");

    type("#field-id", "acme");
    type("#field-name", "Acme Corp");
    robot.clickOn("#new-tenant-ok");
    waitUntil(5, () -> exists("#node-tenant_acme"));
    assertThat(exists("#field-id")).isFalse();
    waitUntil(5, () -> "acme".equals(text("#status-tenant")));
  }

  @Test
  @Order(3)
  void anAppIsRegisteredWithItsScopesAndShowsInTheExplorer() throws Exception {
    robot.clickOn("#tb-new-app");
    waitUntil(5, () -> exists("#field-name"));
    type("#field-name", "crm-sync");
    robot.clickOn("#scope-pii-read");
    robot.clickOn("#new-app-ok");
    waitUntil(5, () -> workbench.session().apps().stream().anyMatch(a -> a.name().equals("crm-sync")));
    AppInfo app = workbench.session().apps().stream().filter(a -> a.name().equals("crm-sync")).findFirst().orElseThrow();
    assertThat(app.scopes()).containsExactlyInAnyOrder("records:read", "records:write", "pii:read");
    waitUntil(5, () -> exists("#node-app_" + app.clientId()));
  }

  @Test
  @Order(4)
  void aCollectionOpensAsAGridWhereANewRecordAppearsAndShowsInTheTraffic() throws Exception {
    robot.clickOn("#tb-new-collection");
    waitUntil(5, () -> exists("#field-name-0"));
    type("#field-name", "tickets");
    type("#field-name-0", "title");
    robot.clickOn("#add-field");
    type("#field-name-1", "priority");
    ComboBox<String> type1 = node("#field-type-1");
    robot.interact(() -> type1.setValue("integer"));
    robot.clickOn("#new-collection-ok");
    waitUntil(10, () -> exists("#records-acme-tickets"));
    waitUntil(5, () -> exists("#node-collection_acme_tickets"));

    robot.clickOn("#new-record");
    waitUntil(5, () -> exists("#field-title"));
    type("#field-priority", "high");
    type("#field-title", "Printer on fire");
    robot.clickOn("#new-record-ok");
    waitUntil(5, () -> node("#error-priority").isVisible());
    assertThat(text("#error-priority")).containsIgnoringCase("must be an integer");
    type("#field-priority", "3");
    robot.clickOn("#new-record-ok");
    TableView<RecordRow> grid = node("#records-table");
    waitUntil(5, () -> grid.getItems().size() == 1);
    assertThat(grid.getItems().get(0).text("title")).isEqualTo("Printer on fire");
    assertThat(grid.getItems().get(0).text("priority")).isEqualTo("3");

    robot.clickOn("#tb-traffic");
    waitUntil(10, () -> exists("#traffic-table"));
    TableView<TrafficItem> traffic = node("#traffic-table");
    waitUntil(10, () -> traffic.getItems().stream().anyMatch(t -> t.method().equals("POST") && t.path().equals("/v1/collections/tickets/records") && t.status() == 201));
  }

  @Test
  @Order(5)
  void aBadFilterShowsTheApisErrorUnderTheFilterBar() throws Exception {
    robot.clickOn("#tab-records_acme_tickets");
    waitUntil(5, () -> node("#records-filter").isVisible());
    assertThat(node("#filter-error").isVisible()).isFalse();
    type("#records-filter", "priority >> 2");
    robot.push(KeyCode.ENTER);
    waitUntil(5, () -> node("#filter-error").isVisible());
    assertThat(text("#filter-error")).contains("position");
    type("#records-filter", "priority ge 2");
    robot.push(KeyCode.ENTER);
    waitUntil(5, () -> !node("#filter-error").isVisible());
    TableView<RecordRow> grid = node("#records-table");
    assertThat(grid.getItems()).hasSize(1);
  }

  @Test
  @Order(6)
  void theApiConsoleSendsARequestAsAnAppAndShowsTheResponse() throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.K);
    waitUntil(5, () -> exists("#console-url"));
    ComboBox<AppInfo> auth = node("#console-auth");
    AppInfo crm = auth.getItems().stream().filter(a -> a.name().equals("crm-sync")).findFirst().orElseThrow();
    robot.interact(() -> auth.setValue(crm));
    type("#console-url", "/v1/collections/tickets/records");
    robot.clickOn("#console-send");
    waitUntil(10, () -> "200 OK".equals(text("#console-status")));
    assertThat(text("#console-timing")).contains("ms");
    org.fxmisc.richtext.CodeArea body = node("#console-response");
    javafx.scene.control.TextField url = node("#console-url");
    assertThat(body.getText()).as("response to %s as %s", url.getText(), auth.getValue()).contains("Printer on fire");
    waitUntil(5, () -> !((javafx.scene.control.ListView<?>) node("#console-history")).getItems().isEmpty());
  }

  @Test
  @Order(7)
  void theDarkThemeIsOneShortcutAway() throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
    waitUntil(5, () -> workbench.shellModel().darkThemeProperty().get());
    assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
    waitUntil(5, () -> !workbench.shellModel().darkThemeProperty().get());
  }

  @Test
  @Order(8)
  void aTriggeredEventAppearsLiveInTheEventTimeline() throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.E);
    waitUntil(5, () -> exists("#events-table"));
    TableView<EventItem> events = node("#events-table");
    // The record added earlier is already on the platform topic.
    waitUntil(10, () -> events.getItems().stream().anyMatch(e -> e.type().equals("record.created")));
    robot.clickOn("#events-trigger");
    waitUntil(5, () -> exists("#field-type"));
    type("#field-type", "Bad");
    robot.clickOn("#trigger-event-ok");
    waitUntil(5, () -> node("#error-type").isVisible());
    assertThat(text("#error-type")).contains("event type");
    type("#field-type", "demo.ping");
    type("#field-subject", "s-42");
    robot.clickOn("#trigger-event-ok");
    waitUntil(5, () -> !exists("#field-type"));
    // The long poll answers as soon as the event is appended: newest first.
    waitUntil(10, () -> !events.getItems().isEmpty() && events.getItems().get(0).type().equals("demo.ping"));
    assertThat(events.getItems().get(0).subject()).isEqualTo("s-42");
    robot.interact(() -> events.getSelectionModel().select(0));
    org.fxmisc.richtext.CodeArea detail = node("#events-detail");
    waitUntil(5, () -> detail.getText().contains("\"subject\" : \"s-42\""));
  }

  @Test
  @Order(9)
  void theWebhooksViewOpensFromItsShortcut() throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.H);
    waitUntil(5, () -> exists("#deliveries-table"));
    waitUntil(5, () -> text("#webhooks-status").startsWith("0 webhooks"));
  }

  @Test
  @Order(10)
  void aSavedSnapshotBringsBackTheRecordsAsTheyWereWhenRestored() throws Exception {
    robot.clickOn("#tb-save-snapshot");
    waitUntil(5, () -> exists("#save-snapshot-ok"));
    type("#field-name", "Before Change");
    robot.clickOn("#save-snapshot-ok");
    waitUntil(5, () -> node("#error-name").isVisible());
    assertThat(text("#error-name")).contains("lowercase");
    type("#field-name", "before-change");
    robot.clickOn("#save-snapshot-ok");
    waitUntil(10, () -> !exists("#save-snapshot-ok"));

    robot.clickOn("#tab-records_acme_tickets");
    robot.clickOn("#new-record");
    waitUntil(5, () -> exists("#field-title"));
    type("#field-title", "Coffee machine empty");
    type("#field-priority", "5");
    robot.clickOn("#new-record-ok");
    TableView<RecordRow> grid = node("#records-table");
    waitUntil(5, () -> grid.getItems().size() == 2);

    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
    waitUntil(5, () -> exists("#restore-snapshot-ok"));
    ComboBox<String> choice = node("#field-name");
    assertThat(choice.getItems()).contains("before-change");
    robot.interact(() -> choice.setValue("before-change"));
    robot.clickOn("#restore-snapshot-ok");
    waitUntil(10, () -> !exists("#restore-snapshot-ok"));
    waitUntil(5, () -> !exists("#tab-records_acme_tickets"));

    waitUntil(10, () -> exists("#node-collection_acme_tickets"));
    robot.doubleClickOn("#node-collection_acme_tickets");
    waitUntil(10, () -> exists("#records-acme-tickets"));
    TableView<RecordRow> restored = node("#records-table");
    waitUntil(10, () -> restored.getItems().size() == 1);
    assertThat(restored.getItems().get(0).text("title")).isEqualTo("Printer on fire");
  }
}

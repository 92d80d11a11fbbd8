package io.platformsandbox.app.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.CollectionInfo;
import io.platformsandbox.app.testsupport.TestSandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The records grid's view model against a real engine, without JavaFX. */
class RecordsViewModelTest {
  private static TestSandbox sandbox;
  private CollectionInfo tickets;
  private RecordsViewModel vm;

  @BeforeAll
  static void startEngine() {
    sandbox = new TestSandbox();
  }

  @AfterAll
  static void stopEngine() {
    sandbox.close();
  }

  @BeforeEach
  void seed() throws Exception {
    sandbox.reset();
    sandbox.session.createTenant("acme", "Acme", () -> {}, e -> { throw new AssertionError(e); });
    ObjectNode body = (ObjectNode) Json.parse(
        "{\"name\":\"tickets\",\"fields\":[{\"name\":\"title\",\"type\":\"string\",\"required\":true},"
            + "{\"name\":\"priority\",\"type\":\"integer\",\"indexed\":true},{\"name\":\"email\",\"type\":\"string\",\"classification\":\"pii\"}]}");
    var client = sandbox.session.workbenchClient("acme", true);
    tickets = client.createCollection(body);
    for (int i = 1; i <= 3; i++) {
      client.createRecord("tickets", (ObjectNode) Json.parse("{\"title\":\"T" + i + "\",\"priority\":" + i + ",\"email\":\"p" + i + "@example.com\"}"));
    }
    vm = new RecordsViewModel(sandbox.session, sandbox.executor, sandbox.notifications, tickets);
  }

  @Test
  void loadingShowsThePageOfRecords() {
    vm.load();
    assertThat(vm.rows()).extracting(r -> r.text("title")).containsExactly("T1", "T2", "T3");
    assertThat(vm.summaryProperty().get()).isEqualTo("3 records on this page");
    assertThat(vm.hasNextProperty().get()).isFalse();
  }

  @Test
  void piiIsMaskedUntilShownAndMaskedFieldsCannotBeEdited() {
    vm.load();
    assertThat(vm.rows().get(0).text("email")).isEqualTo("***");
    assertThat(vm.isEditable(tickets.fields().get(2))).isFalse();
    vm.showPiiProperty().set(true);
    assertThat(vm.rows().get(0).text("email")).isEqualTo("p1@example.com");
    assertThat(vm.isEditable(tickets.fields().get(2))).isTrue();
  }

  @Test
  void aValidFilterNarrowsTheRows() {
    vm.filterTextProperty().set("priority ge 2");
    vm.applyFilter();
    assertThat(vm.rows()).extracting(r -> r.text("title")).containsExactly("T2", "T3");
    assertThat(vm.filterErrorProperty().get()).isEmpty();
  }

  @Test
  void aBadFilterShowsTheApisErrorWithItsPosition() {
    vm.load();
    vm.filterTextProperty().set("priority >> 2");
    vm.applyFilter();
    assertThat(vm.filterErrorProperty().get()).contains("position");
    assertThat(vm.filterErrorPositionProperty().get()).isGreaterThan(0);
    assertThat(vm.rows()).hasSize(3);
    vm.filterTextProperty().set("priority eq 1");
    vm.applyFilter();
    assertThat(vm.filterErrorProperty().get()).isEmpty();
  }

  @Test
  void filteringOnAMaskedPiiFieldExplainsTheMissingScope() {
    vm.filterTextProperty().set("email eq \"p1@example.com\"");
    vm.applyFilter();
    assertThat(vm.filterErrorProperty().get()).contains("pii:read");
  }

  @Test
  void creatingARecordAddsItAndReportsTheApisFieldErrors() {
    Map<String, String> errors = new HashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    vm.create(Map.of("priority", "5"), errors::putAll, e -> {}, () -> done.set(true));
    assertThat(errors).containsKey("title");
    assertThat(errors.get("title")).contains("required");
    assertThat(done).isFalse();

    vm.create(Map.of("title", "New", "priority", "five"), errors::putAll, e -> {}, () -> done.set(true));
    assertThat(errors.get("priority")).contains("must be an integer");

    vm.create(Map.of("title", "New", "priority", "5"), errors::putAll, e -> {}, () -> done.set(true));
    assertThat(done).isTrue();
    assertThat(vm.rows()).extracting(r -> r.text("title")).contains("New");
  }

  @Test
  void editingACellPatchesTheRecordAndBumpsItsVersion() {
    vm.load();
    RecordRow first = vm.rows().get(0);
    vm.update(first, "title", "Renamed");
    RecordRow now = vm.find(first.id()).orElseThrow();
    assertThat(now.text("title")).isEqualTo("Renamed");
    assertThat(now.version()).isEqualTo(first.version() + 1);
    assertThat(vm.messageIsErrorProperty().get()).isFalse();
  }

  @Test
  void aRejectedEditLeavesTheCellAsItWasAndSaysWhy() {
    vm.load();
    RecordRow first = vm.rows().get(0);
    vm.update(first, "title", "");
    assertThat(vm.messageIsErrorProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).contains("title");
    assertThat(vm.find(first.id()).orElseThrow().text("title")).isEqualTo("T1");
  }

  @Test
  void anEditOfAStaleVersionIsRefusedAndReloaded() throws Exception {
    vm.load();
    RecordRow first = vm.rows().get(0);
    sandbox.session.workbenchClient("acme", true).patchRecord("tickets", first.id(), first.version(), (ObjectNode) Json.parse("{\"title\":\"Elsewhere\"}"));
    vm.update(first, "title", "Mine");
    assertThat(vm.messageProperty().get()).contains("changed elsewhere");
    assertThat(vm.find(first.id()).orElseThrow().text("title")).isEqualTo("Elsewhere");
  }

  @Test
  void deletingRemovesTheRow() {
    vm.load();
    RecordRow first = vm.rows().get(0);
    vm.delete(first);
    assertThat(vm.rows()).hasSize(2);
    vm.load();
    assertThat(vm.find(first.id())).isEmpty();
  }

  @Test
  void pagingFollowsTheCursorForwardAndBack() throws Exception {
    var client = sandbox.session.workbenchClient("acme", true);
    for (int i = 4; i <= RecordsViewModel.PAGE_SIZE + 5; i++) {
      client.createRecord("tickets", (ObjectNode) Json.parse("{\"title\":\"T" + i + "\"}"));
    }
    vm.load();
    assertThat(vm.rows()).hasSize(RecordsViewModel.PAGE_SIZE);
    assertThat(vm.hasNextProperty().get()).isTrue();
    vm.nextPage();
    assertThat(vm.pageProperty().get()).isEqualTo(2);
    assertThat(vm.rows()).hasSize(5);
    assertThat(vm.hasPreviousProperty().get()).isTrue();
    vm.previousPage();
    assertThat(vm.pageProperty().get()).isEqualTo(1);
    assertThat(vm.rows().get(0).text("title")).isEqualTo("T1");
  }

  @Test
  void aFailureOutsideTheFilterGoesToTheMessageLine() {
    AtomicReference<String> unused = new AtomicReference<>();
    RecordsViewModel missing = new RecordsViewModel(sandbox.session, sandbox.executor, sandbox.notifications,
        new CollectionInfo("acme", "nope", tickets.fields(), null, null, ""));
    missing.load();
    assertThat(missing.messageIsErrorProperty().get()).isTrue();
    assertThat(missing.messageProperty().get()).containsIgnoringCase("nope");
    assertThat(unused.get()).isNull();
  }
}

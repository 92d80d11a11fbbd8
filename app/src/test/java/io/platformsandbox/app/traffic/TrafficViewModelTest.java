package io.platformsandbox.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.testsupport.TestSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {
  private static TestSandbox sandbox;
  private TrafficViewModel vm;

  @BeforeAll
  static void startEngine() {
    sandbox = new TestSandbox();
  }

  @AfterAll
  static void stopEngine() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.reset();
    vm = new TrafficViewModel(sandbox.session, sandbox.executor);
  }

  private static TrafficItem item(long id, String app, String method, String path, int status) {
    return new TrafficItem(id, "2026-01-01T00:00:00Z", "req_" + id, "acme", app, method, path, status, 1.5, "", "{\"ok\":true}", false);
  }

  @Test
  void pollingPicksUpEveryNewRequestOnce() throws Exception {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    var client = sandbox.session.workbenchClient("acme", true);
    client.collections();
    vm.poll();
    int first = vm.items().size();
    assertThat(first).isGreaterThanOrEqualTo(1);
    client.files("");
    vm.poll();
    vm.poll();
    assertThat(vm.items()).hasSize(first + 1);
    assertThat(vm.items().get(vm.items().size() - 1).path()).startsWith("/v1/files");
  }

  @Test
  void filtersByStatusClassAppAndPath() {
    vm.append(List.of(item(1, "c1", "GET", "/v1/collections", 200), item(2, "c2", "POST", "/v1/collections/t/records", 422), item(3, "c1", "GET", "/v1/files", 503)));
    vm.statusFilterProperty().set(TrafficViewModel.StatusFilter.ERRORS);
    assertThat(vm.filtered()).extracting(TrafficItem::id).containsExactly(2L, 3L);
    vm.statusFilterProperty().set(TrafficViewModel.StatusFilter.ALL);
    vm.appFilterProperty().set("c1");
    assertThat(vm.filtered()).extracting(TrafficItem::id).containsExactly(1L, 3L);
    vm.pathFilterProperty().set("FILES");
    assertThat(vm.filtered()).extracting(TrafficItem::id).containsExactly(3L);
    assertThat(vm.summaryProperty().get()).isEqualTo("1 of 3 requests · 1 errors");
  }

  @Test
  void selectingAnEntryShowsItsRequestAndPrettyResponse() {
    vm.append(List.of(item(7, "c1", "POST", "/v1/collections/t/records", 201)));
    vm.selectedProperty().set(vm.items().get(0));
    assertThat(vm.requestTextProperty().get()).startsWith("POST /v1/collections/t/records").contains("req_7");
    assertThat(vm.responseTextProperty().get()).startsWith("201 in 1.5 ms").contains("\"ok\" : true");
  }

  @Test
  void aSuccessfulCollectionCreateTellsTheSessionSoTheExplorerReloads() {
    List<String> changed = new ArrayList<>();
    sandbox.session.onCollectionsChanged(changed::add);
    vm.append(List.of(item(1, "c1", "POST", "/v1/collections", 201), item(2, "c1", "POST", "/v1/collections/t/records", 201), item(3, "c1", "POST", "/v1/collections", 422)));
    assertThat(changed).containsExactly("acme");
  }

  @Test
  void theWorkbenchsOwnCallsCanBeHidden() throws Exception {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    sandbox.session.workbenchClient("acme", true).collections();
    var app = sandbox.session.control().createApp("acme", "crm", List.of("records:read"));
    var other = sandbox.session.clientAs(app);
    other.collections();
    vm.poll();
    vm.hideWorkbenchProperty().set(true);
    // Token requests carry no app until the token exists, so they stay visible.
    assertThat(vm.filtered()).noneMatch(t -> sandbox.session.isWorkbenchApp(t.app())).anyMatch(t -> app.clientId().equals(t.app()));
  }

  @Test
  void aRecordCreatedThroughTheApiShowsUpInTheList() throws Exception {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    var client = sandbox.session.workbenchClient("acme", true);
    client.createCollection((ObjectNode) Json.parse("{\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    client.createRecord("t", (ObjectNode) Json.parse("{\"a\":\"x\"}"));
    vm.poll();
    assertThat(vm.items()).anyMatch(t -> t.method().equals("POST") && t.path().equals("/v1/collections/t/records") && t.status() == 201);
  }
}

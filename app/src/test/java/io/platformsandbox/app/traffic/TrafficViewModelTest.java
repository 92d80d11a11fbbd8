package io.platformsandbox.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.http.PlatformClient;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.session.SandboxSession;
import io.platformsandbox.app.testsupport.TestSandbox;
import io.platformsandbox.app.testsupport.UiThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

  @AfterEach
  void stopFollowing() {
    vm.stop();
  }

  private static void until(Callable<Boolean> condition) {
    UiThread.until(sandbox.executor, condition);
  }

  private PlatformClient acme() throws Exception {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    return sandbox.session.workbenchClient("acme", true);
  }

  private void followLive() {
    vm.start();
    until(() -> vm.streamStateProperty().get() == StreamState.LIVE);
  }

  private List<Long> ids() {
    return vm.items().stream().map(TrafficItem::id).toList();
  }

  private static TrafficItem item(long id, String app, String method, String path, int status) {
    return new TrafficItem(id, "2026-01-01T00:00:00Z", "req_" + id, "acme", app, method, path, status, 1.5, "", "{\"ok\":true}", false);
  }

  @Test
  void aRequestArrivesThroughTheStreamAsItIsServed() throws Exception {
    PlatformClient client = acme();
    followLive();
    client.files("");
    until(() -> vm.items().stream().anyMatch(t -> t.pathOnly().equals("/v1/files") && t.status() == 200));
  }

  @Test
  void theStreamFirstReplaysEarlierRequestsThenAddsEachNewOneOnce() throws Exception {
    PlatformClient client = acme();
    client.collections();
    followLive();
    until(() -> vm.items().stream().anyMatch(t -> t.pathOnly().equals("/v1/collections")));
    int replayed = vm.items().size();
    client.files("");
    until(() -> vm.items().size() == replayed + 1);
    assertThat(vm.items().get(replayed).pathOnly()).isEqualTo("/v1/files");
    assertThat(ids()).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void requestsServedWhilePausedArriveOnceOnResume() throws Exception {
    PlatformClient client = acme();
    client.collections();
    followLive();
    until(() -> !vm.items().isEmpty());
    vm.pausedProperty().set(true);
    assertThat(vm.streamStateProperty().get()).isEqualTo(StreamState.PAUSED);
    assertThat(vm.isReading()).isFalse();
    int before = vm.items().size();
    client.files("");
    vm.pausedProperty().set(false);
    until(() -> vm.items().stream().anyMatch(t -> t.pathOnly().equals("/v1/files")));
    assertThat(vm.items()).hasSize(before + 1);
    assertThat(ids()).doesNotHaveDuplicates();
  }

  @Test
  void disconnectingTheSessionClosesTheStream() throws Exception {
    SandboxSession other = new SandboxSession(sandbox.http, sandbox.executor, sandbox.notifications);
    other.connect(sandbox.engine.apiUrl());
    TrafficViewModel own = new TrafficViewModel(other, sandbox.executor);
    own.start();
    until(() -> own.streamStateProperty().get() == StreamState.LIVE);
    assertThat(own.isReading()).isTrue();
    other.stop();
    assertThat(own.streamStateProperty().get()).isEqualTo(StreamState.OFF);
    assertThat(own.isReading()).isFalse();
    acme().files("");
    Thread.sleep(200);
    sandbox.executor.runPending();
    assertThat(own.items()).isEmpty();
    own.stop();
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
  void aClientIdInTheAppChoicesGivesWayToTheAppsLabelOnceTheSessionKnowsIt() throws Exception {
    acme();
    var app = sandbox.session.control().createApp("acme", "crm", List.of("records:read"));
    vm.append(List.of(item(1, app.clientId(), "GET", "/v1/collections", 200)));
    assertThat(vm.appChoices()).containsExactly(TrafficViewModel.ALL_APPS, app.clientId());
    sandbox.session.refresh();
    assertThat(vm.appChoices()).containsExactly(TrafficViewModel.ALL_APPS, "crm (acme)");
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
    acme().collections();
    var app = sandbox.session.control().createApp("acme", "crm", List.of("records:read"));
    var other = sandbox.session.clientAs(app);
    other.collections();
    vm.start();
    until(() -> vm.items().stream().anyMatch(t -> app.clientId().equals(t.app())));
    vm.hideWorkbenchProperty().set(true);
    // Token requests carry no app until the token exists, so they stay visible.
    assertThat(vm.filtered()).noneMatch(t -> sandbox.session.isWorkbenchApp(t.app())).anyMatch(t -> app.clientId().equals(t.app()));
  }

  @Test
  void aRecordCreatedThroughTheApiShowsUpInTheList() throws Exception {
    PlatformClient client = acme();
    followLive();
    client.createCollection((ObjectNode) Json.parse("{\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    client.createRecord("t", (ObjectNode) Json.parse("{\"a\":\"x\"}"));
    until(() -> vm.items().stream().anyMatch(t -> t.method().equals("POST") && t.path().equals("/v1/collections/t/records") && t.status() == 201));
  }
}

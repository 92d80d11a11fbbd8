package io.platformsandbox.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.testsupport.TestSandbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConsoleViewModelTest {
  private static TestSandbox sandbox;
  @TempDir Path dir;
  private ApiConsoleViewModel vm;
  private AppInfo app;

  @BeforeAll
  static void startEngine() {
    sandbox = new TestSandbox();
  }

  @AfterAll
  static void stopEngine() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() throws Exception {
    sandbox.reset();
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    app = sandbox.session.control().createApp("acme", "crm", List.of("records:read", "records:write"));
    sandbox.session.refresh();
    vm = new ApiConsoleViewModel(sandbox.session, sandbox.executor, dir.resolve("history.json"));
  }

  @Test
  void authAsAnAppSendsItsTokenAndShowsThePrettyResponse() {
    vm.authAsProperty().set(app);
    vm.urlProperty().set("/v1/collections");
    vm.send();
    assertThat(vm.statusProperty().get()).isEqualTo(200);
    assertThat(vm.statusLineProperty().get()).isEqualTo("200 OK");
    assertThat(vm.responseBodyProperty().get()).contains("\"data\" : [ ]");
    assertThat(vm.responseHeadersProperty().get()).containsIgnoringCase("x-request-id");
    assertThat(vm.timingProperty().get()).matches("\\d+ ms · \\d+ B");
  }

  @Test
  void withoutAuthTheApiAnswers401() {
    vm.send();
    assertThat(vm.statusProperty().get()).isEqualTo(401);
    assertThat(vm.responseBodyProperty().get()).contains("\"status\" : 401");
  }

  @Test
  void aPostSendsTheJsonBody() {
    vm.authAsProperty().set(app);
    vm.methodProperty().set("POST");
    vm.bodyProperty().set("{\"name\":\"tickets\",\"fields\":[{\"name\":\"title\",\"type\":\"string\"}]}");
    vm.send();
    assertThat(vm.statusProperty().get()).isEqualTo(201);
    assertThat(vm.responseBodyProperty().get()).contains("\"name\" : \"tickets\"");
  }

  @Test
  void aMalformedHeaderLineIsReportedBeforeSending() {
    vm.headersProperty().set("X-Good: yes\nnot a header");
    vm.send();
    assertThat(vm.errorProperty().get()).isEqualTo("Header line 2 should be 'Name: value'.");
    assertThat(vm.history()).isEmpty();
  }

  @Test
  void historyIsKeptAcrossRestartsAndRestoresTheRequest() {
    vm.authAsProperty().set(app);
    vm.urlProperty().set("/v1/collections?limit=5");
    vm.headersProperty().set("X-Trace: 1");
    vm.send();
    ApiConsoleViewModel again = new ApiConsoleViewModel(sandbox.session, sandbox.executor, dir.resolve("history.json"));
    assertThat(again.history()).hasSize(1);
    HistoryEntry e = again.history().get(0);
    assertThat(e.label()).isEqualTo("GET /v1/collections?limit=5  →  200");
    again.urlProperty().set("/other");
    again.restore(e);
    assertThat(again.urlProperty().get()).isEqualTo("/v1/collections?limit=5");
    assertThat(again.headersProperty().get()).isEqualTo("X-Trace: 1");
    assertThat(again.authAsProperty().get()).isEqualTo(app);
  }

  @Test
  void withNoSandboxTheConsoleSaysSo() {
    var offline = new io.platformsandbox.app.session.SandboxSession(sandbox.http, sandbox.executor, sandbox.notifications);
    var console = new ApiConsoleViewModel(offline, sandbox.executor, null);
    console.send();
    assertThat(console.errorProperty().get()).contains("No sandbox is running");
  }
}

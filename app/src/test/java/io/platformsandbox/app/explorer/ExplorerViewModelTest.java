package io.platformsandbox.app.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.testsupport.TestSandbox;
import io.platformsandbox.app.testsupport.UiThread;
import io.platformsandbox.app.traffic.TrafficViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorerViewModelTest {
  private static TestSandbox sandbox;
  private ExplorerViewModel vm;

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
    vm = new ExplorerViewModel(sandbox.session, sandbox.executor, sandbox.notifications);
  }

  private static List<String> labels(ExplorerNode n) {
    return n.children().stream().map(ExplorerNode::label).toList();
  }

  @Test
  void tenantsAndTheirAppsAppearAsTheyAreCreated() throws Exception {
    assertThat(labels(vm.platformNode())).containsExactly("No tenants yet — create one from the toolbar");
    sandbox.session.createTenant("acme", "Acme", () -> {}, e -> {});
    sandbox.session.control().createApp("acme", "crm-sync", List.of("records:read"));
    sandbox.session.refresh();
    ExplorerNode acme = vm.find("tenant:acme");
    assertThat(acme.detail()).isEqualTo("Acme");
    assertThat(labels(acme)).containsExactly("Apps", "Collections", "Files", "Topics", "Webhooks");
    assertThat(labels(vm.find("apps:acme"))).containsExactly("crm-sync");
    assertThat(vm.find("apps:acme").children().get(0).detail()).isEqualTo("1 scopes");
  }

  @Test
  void expandingATenantLoadsItsCollectionsAndFiles() throws Exception {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    var client = sandbox.session.workbenchClient("acme", true);
    client.createCollection((ObjectNode) Json.parse("{\"name\":\"tickets\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    ExplorerNode acme = vm.find("tenant:acme");
    assertThat(acme.isLazy()).isTrue();
    vm.expand(acme);
    assertThat(labels(vm.find("collections:acme"))).containsExactly("tickets");
    assertThat(vm.find("collections:acme").detail()).isEqualTo("1");
    assertThat(vm.find("collection:acme:tickets").detail()).isEqualTo("1 fields");
  }

  @Test
  void aTenantShowsItsTopicsPlatformFirstAndItsWebhooksKeptLiveThroughTheTraffic() throws Exception {
    TrafficViewModel traffic = new TrafficViewModel(sandbox.session, sandbox.executor);
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    var client = sandbox.session.workbenchClient("acme", true);
    client.createTopic("orders");
    vm.ensureLoaded("acme");
    assertThat(labels(vm.find("topics:acme"))).containsExactly("platform", "orders");
    assertThat(vm.find("topic:acme:platform").kind()).isEqualTo(ExplorerNode.Kind.TOPIC);
    assertThat(vm.find("webhooks:acme").children()).isEmpty();
    traffic.start();
    client.createWebhook("http://127.0.0.1:9/hook", List.of("record.created"));
    UiThread.until(sandbox.executor, () -> !vm.find("webhooks:acme").children().isEmpty());
    traffic.stop();
    assertThat(labels(vm.find("webhooks:acme"))).containsExactly("http://127.0.0.1:9/hook");
    assertThat(vm.find("webhooks:acme").children().get(0).detail()).isEqualTo("record.created");
  }

  @Test
  void aCollectionCreatedByAnyAppShowsUpThroughTheTraffic() throws Exception {
    TrafficViewModel traffic = new TrafficViewModel(sandbox.session, sandbox.executor);
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    vm.ensureLoaded("acme");
    assertThat(vm.find("collections:acme").children()).isEmpty();
    var app = sandbox.session.control().createApp("acme", "other", List.of("records:write", "records:read"));
    traffic.start();
    sandbox.session.clientAs(app).createCollection((ObjectNode) Json.parse("{\"name\":\"orders\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    UiThread.until(sandbox.executor, () -> !vm.find("collections:acme").children().isEmpty());
    traffic.stop();
    assertThat(labels(vm.find("collections:acme"))).containsExactly("orders");
  }

  @Test
  void createCollectionReportsTheApisErrors() {
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    var errors = new java.util.ArrayList<Throwable>();
    vm.createCollection("acme", (ObjectNode) Json.object().put("name", "Bad Name"), c -> {}, errors::add);
    assertThat(errors).hasSize(1);
    assertThat(((io.platformsandbox.app.http.ApiException) errors.get(0)).fieldErrors()).containsKeys("name", "fields");
  }

  @Test
  void theWorkspaceListsFilesAndFindsPlugins(@TempDir Path ws) throws Exception {
    Files.createDirectories(ws.resolve("plugins/crm-sync"));
    Files.writeString(ws.resolve("plugins/crm-sync/plugin.yaml"), "id: acme.crm-sync\nname: CRM Sync\n");
    Files.createDirectories(ws.resolve(".sandbox/data"));
    Files.writeString(ws.resolve("README.md"), "hi");
    sandbox.session.workspaceProperty().set(ws);
    assertThat(labels(vm.workspaceNode())).containsExactly("Plugins", "plugins", "README.md");
    ExplorerNode plugins = vm.find("plugins");
    assertThat(labels(plugins)).containsExactly("crm-sync");
    assertThat(plugins.children().get(0).detail()).isEqualTo("acme.crm-sync");
    ExplorerNode folder = vm.find("dir:" + ws.resolve("plugins"));
    assertThat(folder.isLazy()).isTrue();
    vm.expand(folder);
    assertThat(labels(folder)).containsExactly("crm-sync");
    sandbox.session.workspaceProperty().set(null);
  }
}

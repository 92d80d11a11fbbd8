package io.platformsandbox.app.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.app.testsupport.Plugins;
import io.platformsandbox.app.testsupport.TestSandbox;
import io.platformsandbox.app.testsupport.UiThread;
import io.platformsandbox.app.traffic.TrafficViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

  @AfterEach
  void stopWatching() {
    vm.close();
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
  void theWorkspaceListsFilesAndFindsPluginsWithTheirIdAndVersionOrFirstError(@TempDir Path ws) throws Exception {
    vm.setWatching(false);
    Files.createDirectories(ws.resolve("plugins/crm-sync"));
    Files.writeString(ws.resolve("plugins/crm-sync/plugin.yaml"),
        "id: acme.crm-sync\nname: CRM Sync\nversion: 1.4.0\npublisher: acme\nplatform: \"^1.0\"\nruntime:\n  command: [\"true\"]\n");
    Plugins.brokenManifest(ws.resolve("plugins"), "broken");
    Files.createDirectories(ws.resolve(".sandbox/data"));
    Files.writeString(ws.resolve("README.md"), "hi");
    sandbox.session.workspaceProperty().set(ws);
    assertThat(labels(vm.workspaceNode())).containsExactly("Plugins", "Marketplace", "plugins", "README.md");
    assertThat(vm.find("marketplace").kind()).isEqualTo(ExplorerNode.Kind.MARKETPLACE);
    ExplorerNode plugins = vm.find("plugins");
    assertThat(plugins.detail()).isEqualTo("2 (1 invalid)");
    assertThat(labels(plugins)).containsExactly("broken", "acme.crm-sync");
    assertThat(plugins.children().get(1).detail()).isEqualTo("1.4.0");
    assertThat(plugins.children().get(0).detail()).startsWith("line ").contains("runtime");
    assertThat(vm.plugins()).extracting(PluginInfo::label).containsExactly("broken", "acme.crm-sync");
    ExplorerNode folder = vm.find("dir:" + ws.resolve("plugins"));
    assertThat(folder.isLazy()).isTrue();
    vm.expand(folder);
    assertThat(labels(folder)).containsExactly("broken", "crm-sync");
    sandbox.session.workspaceProperty().set(null);
  }

  @Test
  void aPluginFileOrFolderSelectsItsPluginAndTheOnlyPluginIsTheTarget(@TempDir Path ws) throws Exception {
    vm.setWatching(false);
    Path dir = Plugins.brokenManifest(ws, "solo");
    Files.writeString(dir.resolve("notes.txt"), "x");
    sandbox.session.workspaceProperty().set(ws);
    assertThat(vm.targetPlugin().dir()).isEqualTo(dir);
    assertThat(vm.selectedPluginProperty().get()).isNull();
    ExplorerNode folder = vm.find("dir:" + dir);
    vm.expand(folder);
    vm.selectedProperty().set(vm.find("path:" + dir.resolve("notes.txt")));
    assertThat(vm.selectedPluginProperty().get().dir()).isEqualTo(dir);
    vm.selectedProperty().set(vm.find("plugin:" + dir));
    assertThat(vm.selectedPluginProperty().get().dir()).isEqualTo(dir);
    sandbox.session.workspaceProperty().set(null);
  }

  @Test
  void aManifestWrittenOrFixedLaterShowsWithoutARefresh(@TempDir Path ws) throws Exception {
    sandbox.session.workspaceProperty().set(ws);
    assertThat(vm.plugins()).isEmpty();
    Path dir = Plugins.brokenManifest(ws, "later");
    UiThread.until(sandbox.executor, () -> vm.plugins().size() == 1);
    assertThat(vm.plugins().get(0).isValid()).isFalse();
    Files.writeString(dir.resolve("plugin.yaml"),
        "id: acme.later\nname: Later\nversion: 0.2.0\npublisher: acme\nplatform: \"^1.0\"\nruntime:\n  command: [\"true\"]\n");
    UiThread.until(sandbox.executor, () -> vm.plugins().get(0).isValid());
    assertThat(vm.find("plugin:" + dir).label()).isEqualTo("acme.later");
    assertThat(vm.find("plugin:" + dir).detail()).isEqualTo("0.2.0");
    sandbox.session.workspaceProperty().set(null);
  }
}

package io.platformsandbox.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.http.HttpClients;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.Scopes;
import io.platformsandbox.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxSessionTest {
  private final OkHttpClient http = HttpClients.create();
  private final Notifications notifications = new Notifications();
  private SandboxSession session;

  @BeforeEach
  void create() {
    session = new SandboxSession(http, new CurrentThreadExecutor(), notifications);
  }

  @AfterEach
  void stop() {
    session.shutdownNow();
  }

  @Test
  void startingRunsTheEngineInProcessAndReadsItsState() {
    session.start(EngineConfig.ephemeral().withMockPort(-1));
    assertThat(session.status()).isEqualTo(SandboxStatus.RUNNING);
    assertThat(session.apiUrlProperty().get()).startsWith("http://127.0.0.1:");
    assertThat(session.versionProperty().get()).isNotBlank();
    assertThat(session.clockProperty().get()).isNotNull();
    assertThat(session.tenants()).isEmpty();
    session.stop();
    assertThat(session.status()).isEqualTo(SandboxStatus.STOPPED);
    assertThat(session.apiUrlProperty().get()).isEmpty();
  }

  @Test
  void aDurableWorkspaceKeepsItsTenantsAcrossRestarts(@TempDir Path ws) {
    EngineConfig config = EngineConfig.defaults().withWorkspace(ws).withPort(0).withMockPort(-1);
    session.start(config);
    session.createTenant("acme", "Acme", () -> {}, e -> {});
    session.stop();
    session.restart();
    assertThat(session.workspaceProperty().get()).isEqualTo(ws.toAbsolutePath().normalize());
    assertThat(session.tenants()).extracting(t -> t.id()).containsExactly("acme");
  }

  @Test
  void aTakenPortIsSwappedForAFreeOneWithANotice() throws Exception {
    try (var blocker = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      session.start(EngineConfig.ephemeral().withPort(blocker.getLocalPort()).withMockPort(-1));
      assertThat(session.status()).isEqualTo(SandboxStatus.RUNNING);
      assertThat(session.apiUrlProperty().get()).doesNotEndWith(":" + blocker.getLocalPort());
      assertThat(notifications.notices()).anyMatch(n -> n.title().equals("Ports in use"));
    }
  }

  @Test
  void connectingToNothingFailsReadably() {
    session.connect("http://127.0.0.1:1");
    assertThat(session.status()).isEqualTo(SandboxStatus.FAILED);
    assertThat(session.statusDetailProperty().get()).isEqualTo("The sandbox is not reachable; is it running?");
  }

  @Test
  void anInvalidTenantComesBackWithTheApisFieldError() {
    session.start(EngineConfig.ephemeral().withMockPort(-1));
    AtomicReference<Throwable> error = new AtomicReference<>();
    session.createTenant("Not Valid!", null, () -> {}, error::set);
    assertThat(error.get()).isInstanceOf(ApiException.class);
    assertThat(((ApiException) error.get()).fieldErrors()).containsKey("id");
  }

  @Test
  void theWorkbenchRegistersOneAppPerTenantAndReusesIt() throws Exception {
    session.start(EngineConfig.ephemeral().withMockPort(-1));
    session.createTenant("acme", null, () -> {}, e -> {});
    var first = session.workbenchClient("acme", false).app();
    var second = session.workbenchClient("acme", true).app();
    assertThat(second.clientId()).isEqualTo(first.clientId());
    assertThat(first.scopes()).containsExactlyInAnyOrderElementsOf(Scopes.ALL);
    session.refresh();
    assertThat(session.apps()).filteredOn(AppInfo::isWorkbench).hasSize(1);
    assertThat(session.isWorkbenchApp(first.clientId())).isTrue();
  }

  @Test
  void theSelectedTenantFollowsWhatExists() {
    session.start(EngineConfig.ephemeral().withMockPort(-1));
    session.createTenant("acme", null, () -> {}, e -> {});
    session.createTenant("globex", null, () -> {}, e -> {});
    assertThat(session.selectedTenantProperty().get()).isEqualTo("globex");
    session.deleteTenant("globex");
    assertThat(session.selectedTenantProperty().get()).isEqualTo("acme");
    session.reset(() -> {});
    assertThat(session.selectedTenantProperty().get()).isNull();
    assertThat(session.tenants()).isEmpty();
  }

  @Test
  void aSavedSnapshotRestoresTheStateBeforeLaterChanges() {
    session.start(EngineConfig.ephemeral().withMockPort(-1));
    session.createTenant("acme", "Acme", () -> {}, e -> {});
    AtomicReference<Throwable> failure = new AtomicReference<>();
    session.saveSnapshot("clean", () -> {}, failure::set);
    session.createTenant("later", "Later", () -> {}, e -> {});
    assertThat(session.tenants()).extracting(t -> t.id()).contains("later");
    AtomicReference<java.util.List<String>> names = new AtomicReference<>();
    session.listSnapshots(names::set);
    assertThat(names.get()).containsExactly("clean");
    session.restoreSnapshot("clean", () -> {}, failure::set);
    assertThat(failure.get()).isNull();
    assertThat(session.tenants()).extracting(t -> t.id()).containsExactly("acme");
    session.saveSnapshot("clean", () -> {}, failure::set);
    assertThat(failure.get()).isInstanceOf(ApiException.class); // the name is taken: 409
  }
}

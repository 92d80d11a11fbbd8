package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformsandbox.mocks.faults.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle the engine relies on. */
class MockApisTest {

  @Test
  void portZeroPicksAFreePortOnLoopback() {
    try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
      mocks.start();
      assertThat(mocks.port()).isPositive();
      assertThat(mocks.baseUrl()).isEqualTo("http://127.0.0.1:" + mocks.port());
      assertThat(mocks.wireMock().isRunning()).isTrue();
    }
  }

  @Test
  void closeIsSafeTwiceAndBeforeStart() {
    MockApis never = new MockApis(MockApis.Config.loopback(0));
    never.close();
    MockApis mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    mocks.close();
    mocks.close();
    assertThat(mocks.wireMock()).isNull();
  }

  @Test
  void startingTwiceIsAnError() {
    try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
      mocks.start();
      assertThatThrownBy(mocks::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aRootDirHoldsWireMocksFilesTheCaAndSavedRecordings(@TempDir Path root) {
    try (MockApis mocks = new MockApis(new MockApis.Config("127.0.0.1", 0, root))) {
      mocks.start();
      mocks.egress().caCertificatePem();
      assertThat(root.resolve("mappings")).isDirectory();
      assertThat(root.resolve("ca/ca-keystore.jks")).isRegularFile();
    }
  }

  @Test
  void resetClearsFaultsAndTheJournalButKeepsStubSetsAndIdentities() {
    try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
      mocks.start();
      mocks.egress().register("acme.a", java.util.List.of("api.crm.example"));
      mocks.faults().add(FaultRule.status(null, 500));
      mocks.stubSets().disable("payments");
      mocks.reset();
      assertThat(mocks.faults().list()).isEmpty();
      assertThat(mocks.egress().identity("acme.a")).isPresent();
      assertThat(mocks.stubSets().get("crm").orElseThrow().enabled()).isTrue();
      assertThat(mocks.stubSets().get("payments").orElseThrow().enabled()).isFalse();
      assertThat(mocks.wireMock().getStubMappings()).allSatisfy(m ->
          assertThat(m.getMetadata().getMetadata("sandbox").getString("stubSet")).isEqualTo("crm"));
    }
  }

  @Test
  void stubSetsLoadedBeforeStartAreInstalledAtStart(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"),
        "{\"request\":{\"method\":\"GET\",\"url\":\"/a\"},\"response\":{\"status\":200}}");
    try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
      mocks.stubSets().load("early", dir, "api.early.example");
      mocks.start();
      assertThat(mocks.wireMock().getStubMappings())
          .anySatisfy(m -> assertThat(m.getRequest().getUrl()).isEqualTo("/a"));
    }
  }
}

package io.platformsandbox.engine.plugins.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.testsupport.BundleFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
  @TempDir Path work;
  private PublisherKeys keys;
  private Registry registry;

  @BeforeEach
  void aKeyAndAnEmptyRegistry() {
    keys = BundleFixtures.keys(work.resolve("keys"));
    registry = new Registry(work.resolve("registry"), Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC));
  }

  @Test
  void publishStoresTheBundleAndListsItInIndexJson() throws Exception {
    VerifiedBundle bundle = BundleFixtures.bundle(work, keys, "1.4.0");
    PublishResult result = registry.publish(bundle.file());

    assertThat(result.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
    Path stored = registry.dir().resolve("plugins/acme.crm-sync/1.4.0/acme.crm-sync-1.4.0.plugin.zip");
    assertThat(result.stored()).isEqualTo(stored);
    assertThat(Files.readAllBytes(stored)).isEqualTo(Files.readAllBytes(bundle.file()));
    assertThat(registry.find("acme.crm-sync", "1.4.0")).contains(stored);

    JsonNode index = Json.MAPPER.readTree(registry.dir().resolve("index.json").toFile());
    assertThat(index.path("format").asInt()).isEqualTo(1);
    JsonNode plugin = index.path("plugins").get(0);
    assertThat(plugin.path("id").asText()).isEqualTo("acme.crm-sync");
    assertThat(plugin.path("name").asText()).isEqualTo("CRM Sync");
    assertThat(plugin.path("publisher").asText()).isEqualTo("acme");
    assertThat(plugin.path("latest_version").asText()).isEqualTo("1.4.0");
    assertThat(plugin.path("publisher_key").path("sha256").asText()).isEqualTo(keys.fingerprint());
    assertThat(plugin.path("publisher_key").path("pem").asText()).isEqualTo(keys.publicPem());
    JsonNode version = plugin.path("versions").get(0);
    assertThat(version.path("version").asText()).isEqualTo("1.4.0");
    assertThat(version.path("bundle").asText()).isEqualTo("plugins/acme.crm-sync/1.4.0/acme.crm-sync-1.4.0.plugin.zip");
    assertThat(version.path("sha256").asText()).isEqualTo(bundle.sha256());
    assertThat(version.path("size").asLong()).isEqualTo(Files.size(bundle.file()));
    assertThat(version.path("published_at").asText()).isEqualTo("2025-03-04T05:06:07Z");
    try (var children = Files.list(registry.dir())) {
      assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.json", ".lock", "plugins");
    }
  }

  @Test
  void republishingIdenticalBytesIsANoOpThatSaysSo() {
    VerifiedBundle bundle = BundleFixtures.bundle(work, keys, "1.4.0");
    registry.publish(bundle.file());
    Map<String, String> before = BundleFixtures.tree(registry.dir());
    assertThat(registry.publish(bundle.file()).outcome()).isEqualTo(PublishResult.Outcome.ALREADY_PUBLISHED);
    assertThat(BundleFixtures.tree(registry.dir())).isEqualTo(before);
  }

  @Test
  void theSameVersionWithOtherBytesIsRefused() {
    registry.publish(BundleFixtures.bundle(work, keys, "1.4.0").file());
    Map<String, String> before = BundleFixtures.tree(registry.dir());
    Path other = BundleFixtures.plugin(work.resolve("changed"), "1.4.0");
    BundleFixtures.write(other.resolve("src/main.js"), "console.log('different');\n");
    BundleFixtures.passingReport(other);
    VerifiedBundle changed = Bundles.pack(other, Bundles.defaultReport(other), keys, work.resolve("changed-dist"));

    assertThatThrownBy(() -> registry.publish(changed.file()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("acme.crm-sync@1.4.0 is already published with other bytes")
        .hasMessageContaining("versions are immutable");
    assertThat(BundleFixtures.tree(registry.dir())).isEqualTo(before);
  }

  @Test
  void anotherKeyForAPinnedIdIsRefusedButMayPublishOtherIds() {
    registry.publish(BundleFixtures.bundle(work, keys, "1.4.0").file());
    Map<String, String> before = BundleFixtures.tree(registry.dir());
    PublisherKeys intruder = BundleFixtures.keys(work.resolve("intruder"));
    VerifiedBundle impostor = BundleFixtures.bundle(work, intruder, "1.5.0");

    assertThatThrownBy(() -> registry.publish(impostor.file()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("acme.crm-sync is pinned to the publisher key " + keys.fingerprint().substring(0, 16));
    assertThat(BundleFixtures.tree(registry.dir())).isEqualTo(before);

    assertThat(registry.publish(BundleFixtures.bundle(work, intruder, "other.plugin", "1.0.0").file()).outcome())
        .isEqualTo(PublishResult.Outcome.PUBLISHED);
  }

  @Test
  void versionsAreListedInSemanticVersionOrderAndTheHighestIsLatest() {
    for (String v : List.of("1.10.0", "1.4.0", "1.10.0-beta.2", "1.9.0")) {
      registry.publish(BundleFixtures.bundle(work, keys, v).file());
    }
    RegistryPlugin plugin = registry.plugins().get(0);
    assertThat(plugin.versions()).extracting(RegistryVersion::version).containsExactly("1.4.0", "1.9.0", "1.10.0-beta.2", "1.10.0");
    assertThat(plugin.latestVersion()).isEqualTo("1.10.0");
  }

  @Test
  void aVersionDifferingOnlyInBuildMetadataOrCaseIsRefused() {
    registry.publish(BundleFixtures.bundle(work, keys, "1.0.0-rc.1+build.1").file());
    Map<String, String> before = BundleFixtures.tree(registry.dir());
    for (String clash : List.of("1.0.0-rc.1+build.2", "1.0.0-RC.1+build.1")) {
      VerifiedBundle bundle = BundleFixtures.bundle(work, keys, clash);
      assertThatThrownBy(() -> registry.publish(bundle.file()))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("clashes with the published version 1.0.0-rc.1+build.1");
    }
    assertThat(BundleFixtures.tree(registry.dir())).isEqualTo(before);
  }

  @Test
  void concurrentPublishesOfDifferentVersionsAllLandInOneConsistentIndex() throws Exception {
    List<String> versions = List.of("2.0.0", "2.0.1", "2.1.0", "3.0.0", "3.0.1", "3.1.0");
    List<VerifiedBundle> bundles = new ArrayList<>();
    for (String v : versions) {
      bundles.add(BundleFixtures.bundle(work, keys, v));
    }
    ExecutorService pool = Executors.newFixedThreadPool(versions.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<PublishResult>> results = new ArrayList<>();
      for (VerifiedBundle b : bundles) {
        // a fresh Registry per publisher, as separate commands would have
        results.add(pool.submit(() -> {
          start.await();
          return new Registry(registry.dir()).publish(b.file());
        }));
      }
      start.countDown();
      for (Future<PublishResult> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.plugins()).hasSize(1);
    assertThat(registry.plugins().get(0).versions()).extracting(RegistryVersion::version).containsExactlyElementsOf(versions);
    for (VerifiedBundle b : bundles) {
      assertThat(registry.find(b.id(), b.version())).hasValueSatisfying(p -> assertThat(p).exists());
    }
    try (var children = Files.list(registry.dir())) {
      assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.json", ".lock", "plugins");
    }
  }

  @Test
  void concurrentPublishesFromTwoProcessesBothLand() throws Exception {
    VerifiedBundle a = BundleFixtures.bundle(work, keys, "4.0.0");
    VerifiedBundle b = BundleFixtures.bundle(work, keys, "4.1.0");
    Process first = publishInAnotherJvm(a.file());
    Process second = publishInAnotherJvm(b.file());
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(output(first)).isZero();
    assertThat(second.exitValue()).as(output(second)).isZero();
    assertThat(registry.plugins().get(0).versions()).extracting(RegistryVersion::version).containsExactly("4.0.0", "4.1.0");
  }

  private Process publishInAnotherJvm(Path bundle) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.platformsandbox.engine.cli.SandboxCli",
            "publish",
            bundle.toString(),
            "--registry",
            registry.dir().toString())
        .redirectErrorStream(true)
        .start();
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void whatACrashedPublishLeftIsNeverListedAndIsClearedByTheNextPublish() throws Exception {
    registry.publish(BundleFixtures.bundle(work, keys, "1.4.0").file());
    // A publish that died after staging, one that died after the rename but before the index, and
    // a half-written index temp file.
    BundleFixtures.write(registry.dir().resolve(".staging-12345/acme.crm-sync-1.5.0.plugin.zip"), "half a bundle");
    Path orphan = registry.dir().resolve("plugins/acme.crm-sync/1.5.0/acme.crm-sync-1.5.0.plugin.zip");
    BundleFixtures.write(orphan, "not in the index");
    BundleFixtures.write(registry.dir().resolve(".index.json987.tmp"), "{\"format\":");

    assertThat(registry.find("acme.crm-sync", "1.5.0")).isEmpty();
    assertThat(registry.plugins().get(0).versions()).extracting(RegistryVersion::version).containsExactly("1.4.0");

    VerifiedBundle next = BundleFixtures.bundle(work, keys, "1.5.0");
    assertThat(registry.publish(next.file()).outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
    assertThat(Files.readAllBytes(orphan)).isEqualTo(Files.readAllBytes(next.file()));
    try (var children = Files.list(registry.dir())) {
      assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.json", ".lock", "plugins");
    }
  }

  @Test
  void aDamagedIndexIsReportedNotGuessedAt() throws Exception {
    BundleFixtures.write(registry.dir().resolve("index.json"), "{\"format\": 1, \"plugins\": [{\"versions\": []}]}");
    assertThatThrownBy(() -> registry.plugins()).isInstanceOf(RegistryException.class).hasMessageContaining("index.json is damaged");
  }

  @Test
  void findNeverLeavesTheRegistry() {
    assertThat(registry.find("../../etc", "1.0.0")).isEmpty();
    assertThat(registry.find("acme.crm-sync", "../../1.0.0")).isEmpty();
    assertThat(registry.find("acme.crm-sync", "1.0.0")).isEmpty();
  }

  @Test
  void anEmptyRegistryListsNothingAndPublishingCreatesIt() {
    assertThat(registry.plugins()).isEmpty();
    assertThat(registry.dir()).doesNotExist();
    registry.publish(BundleFixtures.bundle(work, keys, "1.4.0").file());
    assertThat(registry.plugins()).hasSize(1);
  }

  @Test
  void theDefaultRegistryIsInTheWorkspaceState() {
    assertThat(Registry.defaultDir(work)).isEqualTo(work.toAbsolutePath().resolve(".sandbox/marketplace"));
  }
}

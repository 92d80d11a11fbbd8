package io.platformsandbox.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.Engine;
import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.testsupport.BundleFixtures;
import io.platformsandbox.engine.testsupport.SandboxClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox package|verify|publish} as a user runs them, ending on a real engine. */
class BundleCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @TempDir Path work;
  private Path keys;
  private Path plugin;
  private Path bundle;

  @BeforeEach
  void aKeyAndAValidatedPlugin() {
    keys = work.resolve("keys");
    plugin = BundleFixtures.plugin(work.resolve("crm-sync"));
    BundleFixtures.passingReport(plugin);
    bundle = plugin.resolve(".sandbox/dist/acme.crm-sync-1.4.0.plugin.zip");
  }

  private int sandbox(String... args) {
    return SandboxCli.run(console, args);
  }

  @Test
  void keysPackageVerifyPublishThenTheEngineServesIt() throws Exception {
    assertThat(sandbox("keys", "generate", "--keys-dir", keys.toString())).isEqualTo(0);
    assertThat(sandbox("package", plugin.toString(), "--keys-dir", keys.toString())).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("Packaged acme.crm-sync 1.4.0: " + bundle);
    assertThat(sandbox("verify", bundle.toString())).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("Verified " + bundle).contains("signature: good").contains("report:    passed");

    Path workspace = work.resolve("workspace");
    assertThat(sandbox("publish", bundle.toString(), "--workspace", workspace.toString())).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("Published acme.crm-sync@1.4.0 to " + workspace.toAbsolutePath().normalize().resolve(".sandbox/marketplace"));

    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkspace(workspace).withPort(0).withMockPort(-1)).start()) {
      SandboxClient client = new SandboxClient(engine.apiUrl());
      client.createTenant("acme");
      SandboxClient.Response r = client.get("/v1/marketplace/plugins", client.token(client.createApp("acme", "viewer", List.of("records:read"))));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode listed = r.json().get("data").get(0);
      assertThat(listed.get("id").asText()).isEqualTo("acme.crm-sync");
      assertThat(listed.get("versions").get(0).get("version").asText()).isEqualTo("1.4.0");
      assertThat(listed.get("publisher_key_sha256").asText()).isEqualTo(PublisherKeys.fingerprint(PublisherKeys.loadPublic(keys)));
    }
  }

  @Test
  void republishingTheSameBundleSaysNothingChanged() {
    sandbox("keys", "generate", "--keys-dir", keys.toString());
    sandbox("package", plugin.toString(), "--keys-dir", keys.toString());
    Path registry = work.resolve("registry");
    assertThat(sandbox("publish", bundle.toString(), "--registry", registry.toString())).isEqualTo(0);
    Map<String, String> before = BundleFixtures.tree(registry);
    assertThat(sandbox("publish", bundle.toString(), "--registry", registry.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("acme.crm-sync@1.4.0 is already published in " + registry.toAbsolutePath() + " with exactly these bytes; nothing changed.");
    assertThat(BundleFixtures.tree(registry)).isEqualTo(before);
  }

  @Test
  void packageRefusesAPluginWhoseFilesChangedSinceValidationInOneLine() throws Exception {
    sandbox("keys", "generate", "--keys-dir", keys.toString());
    BundleFixtures.write(plugin.resolve("target/crm-sync.jar"), "rebuilt");
    assertThat(sandbox("package", plugin.toString(), "--keys-dir", keys.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: cannot package " + plugin + ": the package files changed after they were validated").doesNotContain("\n");
    assertThat(plugin.resolve(".sandbox/dist")).doesNotExist();
  }

  @Test
  void packageWithoutAKeySaysHowToMakeOne() {
    assertThat(sandbox("package", plugin.toString(), "--keys-dir", keys.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("sandbox keys generate");
  }

  @Test
  void packageTakesTheReportAndOutputFromOptions() throws Exception {
    sandbox("keys", "generate", "--keys-dir", keys.toString());
    Path reports = work.resolve("reports");
    Files.createDirectories(reports);
    Files.move(Bundles.defaultReport(plugin), reports.resolve("report.json"));
    Path dist = work.resolve("dist");
    assertThat(sandbox("package", plugin.toString(), "--report", reports.toString(), "--out", dist.toString(), "--keys-dir", keys.toString()))
        .as(err.toString())
        .isEqualTo(0);
    assertThat(dist.resolve("acme.crm-sync-1.4.0.plugin.zip")).exists();
  }

  @Test
  void verifyRefusesATamperedBundleInOneLine() throws Exception {
    sandbox("keys", "generate", "--keys-dir", keys.toString());
    sandbox("package", plugin.toString(), "--keys-dir", keys.toString());
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(bundle, bytes);
    assertThat(sandbox("verify", bundle.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: refused " + bundle + ": ").doesNotContain("\n").doesNotContain("Exception");
    Path registry = work.resolve("registry");
    assertThat(sandbox("publish", bundle.toString(), "--registry", registry.toString())).isEqualTo(1);
    assertThat(registry).doesNotExist();
  }

  @Test
  void everyNewCommandAnswersHelp() {
    // picocli prints help itself (to standard output); what matters here is that each is registered
    for (String command : List.of("keys", "keys generate", "keys show", "package", "verify", "publish")) {
      List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      assertThat(sandbox(args.toArray(String[]::new))).as(command).isEqualTo(0);
    }
    assertThat(err.toString()).isEmpty();
  }
}

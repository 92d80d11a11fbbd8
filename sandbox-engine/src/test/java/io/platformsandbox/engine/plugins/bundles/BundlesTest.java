package io.platformsandbox.engine.plugins.bundles;

import static io.platformsandbox.engine.testsupport.BundleFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformsandbox.engine.testsupport.BundleFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing a validated plugin folder, verifying the bundle, unpacking it. */
class BundlesTest {
  @TempDir Path work;
  private Path plugin;
  private PublisherKeys keys;

  @BeforeEach
  void aValidatedPlugin() {
    plugin = BundleFixtures.plugin(work.resolve("crm-sync"));
    BundleFixtures.passingReport(plugin);
    keys = BundleFixtures.keys(work.resolve("keys"));
  }

  private VerifiedBundle pack() {
    return Bundles.pack(plugin, Bundles.defaultReport(plugin), keys, Bundles.defaultOutDir(plugin));
  }

  @Test
  void aValidatedPluginIsPackedAsDesignSection7Says() throws Exception {
    VerifiedBundle bundle = pack();
    assertThat(bundle.file()).isEqualTo(plugin.resolve(".sandbox/dist/acme.crm-sync-1.4.0.plugin.zip"));
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(bundle.file().toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
    }
    assertThat(names)
        .containsExactly(
            "CHECKSUMS.sha256",
            "SIGNATURE",
            "fixtures/seed.yaml",
            "plugin.yaml",
            "publisher.pub",
            "src/lib/util.js",
            "src/main.js",
            "target/crm-sync.jar",
            "validation/report.json");
    assertThat(bundle.files()).containsExactly("fixtures/seed.yaml", "plugin.yaml", "src/lib/util.js", "src/main.js", "target/crm-sync.jar");
    assertThat(bundle.id()).isEqualTo("acme.crm-sync");
    assertThat(bundle.version()).isEqualTo("1.4.0");
    assertThat(bundle.keyFingerprint()).isEqualTo(keys.fingerprint());
    try (ZipFile zip = new ZipFile(bundle.file().toFile())) {
      String checksums = new String(zip.getInputStream(zip.getEntry("CHECKSUMS.sha256")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(checksums.lines().map(l -> l.substring(66)))
          .containsExactly("fixtures/seed.yaml", "plugin.yaml", "src/lib/util.js", "src/main.js", "target/crm-sync.jar", "validation/report.json");
      assertThat(checksums).contains(Digests.sha256Hex(plugin.resolve("target/crm-sync.jar")) + "  target/crm-sync.jar\n");
      assertThat(zip.getInputStream(zip.getEntry("validation/report.json")).readAllBytes())
          .isEqualTo(Files.readAllBytes(Bundles.defaultReport(plugin)));
    }
    assertThat(Bundles.verify(bundle.file())).isEqualTo(bundle);
  }

  @Test
  void packagingTwiceGivesIdenticalBytes() throws Exception {
    byte[] first = Files.readAllBytes(pack().file());
    Files.setLastModifiedTime(plugin.resolve("src/main.js"), java.nio.file.attribute.FileTime.fromMillis(0));
    byte[] second = Files.readAllBytes(pack().file());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void withoutAReportNothingIsPackaged() throws Exception {
    Files.delete(Bundles.defaultReport(plugin));
    assertThatThrownBy(this::pack)
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("there is no validation report")
        .hasMessageContaining("sandbox validate");
    assertThat(Bundles.defaultOutDir(plugin)).doesNotExist();
  }

  @Test
  void aFailingReportIsRefused() {
    BundleSource source = BundleSource.read(plugin);
    BundleFixtures.report(
        Bundles.defaultReport(plugin),
        source.id(),
        source.version(),
        Digests.sha256Hex(plugin.resolve("plugin.yaml")),
        PackageFiles.filesSha256(plugin, PackageFiles.resolve(plugin, source.include())),
        "fail");
    assertThatThrownBy(this::pack).isInstanceOf(BundleException.class).hasMessageContaining("says status 'fail' (failed: M01)");
  }

  @Test
  void aFileChangedAfterValidationIsRefused() {
    write(plugin.resolve("src/main.js"), "console.log('changed');\n");
    assertThatThrownBy(this::pack)
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("the package files changed after they were validated")
        .hasMessageContaining("validate");
  }

  @Test
  void aFileAddedAfterValidationIsRefused() {
    write(plugin.resolve("src/extra.js"), "new\n");
    assertThatThrownBy(this::pack).isInstanceOf(BundleException.class).hasMessageContaining("package files changed");
  }

  @Test
  void aReportOfAnotherManifestIsRefused() throws Exception {
    String yaml = Files.readString(plugin.resolve("plugin.yaml"));
    write(plugin.resolve("plugin.yaml"), yaml.replace("CRM Sync", "CRM Sync Pro"));
    assertThatThrownBy(this::pack).isInstanceOf(BundleException.class).hasMessageContaining("plugin.yaml changed after it was validated");
  }

  @Test
  void aReportOfAnotherVersionIsRefused() throws Exception {
    BundleSource source = BundleSource.read(plugin);
    BundleFixtures.report(
        Bundles.defaultReport(plugin),
        source.id(),
        "1.3.9",
        Digests.sha256Hex(plugin.resolve("plugin.yaml")),
        PackageFiles.filesSha256(plugin, PackageFiles.resolve(plugin, source.include())),
        "pass");
    assertThatThrownBy(this::pack).isInstanceOf(BundleException.class).hasMessageContaining("is for acme.crm-sync 1.3.9, but plugin.yaml says acme.crm-sync 1.4.0");
  }

  @Test
  void aReportElsewhereIsReadFromAFolderOrAFile() throws Exception {
    Path elsewhere = work.resolve("reports");
    Files.createDirectories(elsewhere);
    Files.move(Bundles.defaultReport(plugin), elsewhere.resolve("report.json"));
    assertThat(Bundles.pack(plugin, elsewhere, keys, work.resolve("out")).file()).exists();
    assertThat(Bundles.pack(plugin, elsewhere.resolve("report.json"), keys, work.resolve("out2")).file()).exists();
  }

  @Test
  void aPrivateKeyThatIsNotThePublicKeysPairIsRefused() throws Exception {
    PublisherKeys other = BundleFixtures.keys(work.resolve("other"));
    Files.copy(work.resolve("other/publisher.pub"), work.resolve("keys/publisher.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    PublisherKeys mixed = PublisherKeys.load(work.resolve("keys"));
    assertThat(mixed.fingerprint()).isEqualTo(other.fingerprint());
    assertThatThrownBy(() -> Bundles.pack(plugin, Bundles.defaultReport(plugin), mixed, work.resolve("out")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("does not belong to publisher.pub");
  }

  @Test
  void unpackWritesEveryEntryIntoAnEmptyFolder() throws Exception {
    VerifiedBundle bundle = pack();
    Path into = work.resolve("installed/acme.crm-sync");
    VerifiedBundle unpacked = Bundles.unpack(bundle.file(), into);
    assertThat(unpacked.sha256()).isEqualTo(bundle.sha256());
    assertThat(Files.readAllBytes(into.resolve("target/crm-sync.jar"))).isEqualTo(Files.readAllBytes(plugin.resolve("target/crm-sync.jar")));
    assertThat(into.resolve("CHECKSUMS.sha256")).exists();
    assertThat(into.resolve("validation/report.json")).exists();
    try (var siblings = Files.list(into.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("acme.crm-sync");
    }
  }

  @Test
  void unpackRefusesAFolderThatIsNotEmpty() {
    VerifiedBundle bundle = pack();
    Path into = work.resolve("busy");
    write(into.resolve("mine.txt"), "keep");
    assertThatThrownBy(() -> Bundles.unpack(bundle.file(), into)).isInstanceOf(BundleException.class).hasMessageContaining("is not empty");
    assertThat(into.resolve("mine.txt")).hasContent("keep");
  }

  @Test
  void theBundleIsTheSameWhateverOrderTheFilesystemListsFilesIn() throws Exception {
    byte[] first = Files.readAllBytes(pack().file());
    Path copy = work.resolve("copy");
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(plugin)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    Collections.reverse(files);
    for (Path f : files) {
      Path target = copy.resolve(plugin.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    byte[] second = Files.readAllBytes(Bundles.pack(copy, Bundles.defaultReport(copy), keys, work.resolve("out")).file());
    assertThat(second).isEqualTo(first);
  }
}

package io.platformsandbox.engine.plugins.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.platformsandbox.engine.plugins.bundles.internal.CanonicalZip;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import io.platformsandbox.engine.plugins.marketplace.RegistryException;
import io.platformsandbox.engine.testsupport.BundleFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of changing a bundle after it was signed is refused by verify, publish and unpack, with
 * a clear message, and leaves the registry exactly as it was.
 */
class BundleTamperingTest {
  private static final Set<String> META = Set.of(Bundles.CHECKSUMS, Bundles.SIGNATURE, Bundles.PUBLIC_KEY);

  @TempDir Path work;
  private PublisherKeys keys;
  private VerifiedBundle good;
  private Registry registry;
  private Map<String, String> registryBefore;

  @BeforeEach
  void aPublishedBundle() {
    keys = BundleFixtures.keys(work.resolve("keys"));
    good = BundleFixtures.bundle(work, keys, BundleFixtures.VERSION);
    registry = new Registry(work.resolve("registry"));
    registry.publish(good.file());
    registryBefore = BundleFixtures.tree(registry.dir());
  }

  // ---- one changed byte -----------------------------------------------------------------------

  @Test
  void oneChangedByteInEveryEntryIsRefused() throws Exception {
    Map<String, byte[]> entries = entries(good.file());
    assertThat(entries).hasSize(9);
    for (String name : entries.keySet()) {
      byte[] original = entries.get(name);
      for (int position : new int[] {0, original.length / 2, original.length - 1}) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        byte[] bytes = original.clone();
        bytes[position] ^= 0x01;
        changed.put(name, bytes);
        Path bundle = zip(changed, "changed-" + name.replace('/', '_') + "-" + position);
        String message = assertRefusedEverywhere(bundle, name + " byte " + position);
        if (!META.contains(name)) {
          assertThat(message).as(name).contains(name + " does not match its checksum in CHECKSUMS.sha256");
        }
      }
    }
  }

  @Test
  void everySingleByteChangeAnywhereInTheFileIsRefused() throws Exception {
    byte[] file = Files.readAllBytes(good.file());
    Path bundle = work.resolve("flipped.plugin.zip");
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < file.length; i++) {
      byte[] copy = file.clone();
      copy[i] ^= 0x01;
      Files.write(bundle, copy);
      try {
        Bundles.verify(bundle);
        accepted.add(i);
      } catch (BundleException expected) {
        // refused, as it should be
      }
    }
    assertThat(accepted).as("byte positions whose change verify accepted").isEmpty();
  }

  // ---- crafted bundles ------------------------------------------------------------------------

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("a swapped publisher.pub, not re-signed", "the signature does not verify"),
        Arguments.of("a report from other files, re-signed", "validation/report.json was made for other files"),
        Arguments.of("a report of another plugin.yaml, re-signed", "validation/report.json was made for another plugin.yaml"),
        Arguments.of("a failing report, re-signed", "says status 'fail'"),
        Arguments.of("a zip-slip entry ../evil", "entry '../evil' leaves the bundle's folder"),
        Arguments.of("a nested zip-slip entry src/../../evil", "entry 'src/../../evil' leaves the bundle's folder"),
        Arguments.of("an absolute path entry", "entry '/tmp/evil' is an absolute path"),
        Arguments.of("a backslash entry", "entry '..\\evil' contains a backslash"),
        Arguments.of("a symbolic link entry", "entry 'src/link.js' is a symbolic link"),
        Arguments.of("a local header naming ../.evil", "entry '../.evil' leaves the bundle's folder"),
        Arguments.of("an entry CHECKSUMS.sha256 does not list", "entry 'src/extra.js' is not listed in CHECKSUMS.sha256"),
        Arguments.of("a listed file removed", "CHECKSUMS.sha256 lists src/main.js, which the bundle lacks"),
        Arguments.of("a truncated file", "not a valid bundle"),
        Arguments.of("a file that is not a ZIP", "not a valid bundle"),
        Arguments.of("an entry stored compressed", "is compressed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void aTamperedBundleIsRefusedWithAClearMessageAndTheRegistryIsUnchanged(String tampering, String expected) throws Exception {
    Path bundle = tamper(tampering);
    String message = assertRefusedEverywhere(bundle, tampering);
    assertThat(message).as(tampering).contains(expected);
  }

  @Test
  void aBundleReSignedWithAnotherKeyVerifiesButTheRegistryRefusesItsPinnedId() throws Exception {
    PublisherKeys other = BundleFixtures.keys(work.resolve("other-keys"));
    Map<String, byte[]> entries = entries(good.file());
    Path bundle = zip(resign(entries, other), "other-key");
    assertThat(Bundles.verify(bundle).keyFingerprint()).isEqualTo(other.fingerprint());
    assertThatThrownBy(() -> registry.publish(bundle))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("acme.crm-sync is pinned to the publisher key");
    assertThat(BundleFixtures.tree(registry.dir())).isEqualTo(registryBefore);
  }

  private Path tamper(String tampering) throws Exception {
    Map<String, byte[]> entries = entries(good.file());
    PublisherKeys other = tampering.contains("publisher.pub") ? BundleFixtures.keys(work.resolve("other-keys")) : null;
    return switch (tampering) {
      case "a swapped publisher.pub, not re-signed" -> {
        entries.put(Bundles.PUBLIC_KEY, other.publicPem().getBytes(StandardCharsets.US_ASCII));
        yield zip(entries, "swapped-key");
      }
      case "a report from other files, re-signed" -> zip(resign(withReport(entries, r -> r.replaceAll("\"files_sha256\":\"[0-9a-f]+\"", "\"files_sha256\":\"" + "0".repeat(64) + "\"")), keys), "other-files");
      case "a report of another plugin.yaml, re-signed" -> zip(resign(withReport(entries, r -> r.replaceAll("\"manifest_sha256\":\"[0-9a-f]+\"", "\"manifest_sha256\":\"" + "1".repeat(64) + "\"")), keys), "other-manifest");
      case "a failing report, re-signed" -> zip(resign(withReport(entries, r -> r.replace("\"pass\"", "\"fail\"")), keys), "failing");
      case "a zip-slip entry ../evil" -> zip(resign(with(entries, "../evil", "pwned"), keys), "slip");
      case "a nested zip-slip entry src/../../evil" -> zip(resign(with(entries, "src/../../evil", "pwned"), keys), "nested-slip");
      case "an absolute path entry" -> zip(resign(with(entries, "/tmp/evil", "pwned"), keys), "absolute");
      case "a backslash entry" -> zip(with(entries, "..\\evil", "pwned"), "backslash");
      case "a symbolic link entry" -> {
        Path bundle = zip(resign(with(entries, "src/link.js", "../../../../etc/passwd"), keys), "symlink");
        byte[] bytes = Files.readAllBytes(bundle);
        int cen = centralRecord(bytes, "src/link.js");
        bytes[cen + 5] = 3; // made by Unix
        int mode = 0120777 << 16;
        bytes[cen + 38] = (byte) mode;
        bytes[cen + 39] = (byte) (mode >>> 8);
        bytes[cen + 40] = (byte) (mode >>> 16);
        bytes[cen + 41] = (byte) (mode >>> 24);
        Files.write(bundle, bytes);
        yield bundle;
      }
      case "a local header naming ../.evil" -> {
        Path bundle = zip(resign(with(entries, "src/evil", "pwned"), keys), "local-name");
        byte[] bytes = Files.readAllBytes(bundle);
        int local = indexOf(bytes, new byte[] {0x50, 0x4b, 0x03, 0x04}, "src/evil");
        System.arraycopy("../.evil".getBytes(StandardCharsets.US_ASCII), 0, bytes, local + 30, 8);
        Files.write(bundle, bytes);
        yield bundle;
      }
      case "an entry CHECKSUMS.sha256 does not list" -> zip(with(entries, "src/extra.js", "unlisted"), "unlisted");
      case "a listed file removed" -> {
        entries.remove("src/main.js");
        yield zip(entries, "removed");
      }
      case "a truncated file" -> {
        byte[] bytes = Files.readAllBytes(good.file());
        Path bundle = work.resolve("truncated.plugin.zip");
        Files.write(bundle, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        yield bundle;
      }
      case "a file that is not a ZIP" -> {
        Path bundle = work.resolve("text.plugin.zip");
        Files.writeString(bundle, "just text, no zip at all");
        yield bundle;
      }
      case "an entry stored compressed" -> {
        byte[] bytes = Files.readAllBytes(good.file());
        int cen = centralRecord(bytes, "src/main.js");
        bytes[cen + 10] = 8; // deflated, by the directory's word
        Path bundle = work.resolve("compressed.plugin.zip");
        Files.write(bundle, bytes);
        yield bundle;
      }
      default -> throw new IllegalArgumentException(tampering);
    };
  }

  /** Verify, publish and unpack all refuse; the registry is untouched; nothing is unpacked. */
  private String assertRefusedEverywhere(Path bundle, String what) {
    Throwable verify = catchThrowable(() -> Bundles.verify(bundle));
    assertThat(verify).as(what + ": verify").isInstanceOf(BundleException.class);
    assertThat(verify.getMessage()).as(what).isNotBlank().doesNotContain("Exception");
    Throwable publish = catchThrowable(() -> registry.publish(bundle));
    assertThat(publish).as(what + ": publish").isInstanceOf(BundleException.class).hasMessage(verify.getMessage());
    assertThat(BundleFixtures.tree(registry.dir())).as(what + ": the registry").isEqualTo(registryBefore);
    Path into = work.resolve("unpacked");
    Throwable unpack = catchThrowable(() -> Bundles.unpack(bundle, into));
    assertThat(unpack).as(what + ": unpack").isInstanceOf(BundleException.class);
    assertThat(into).doesNotExist();
    assertThat(work.resolve("evil")).doesNotExist();
    assertThat(Path.of("/tmp/evil")).doesNotExist();
    return verify.getMessage();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Map<String, byte[]> entries(Path bundle) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      zip.stream().forEach(e -> {
        try {
          out.put(e.getName(), zip.getInputStream(e).readAllBytes());
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      });
    }
    return out;
  }

  private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, String content) {
    Map<String, byte[]> out = new LinkedHashMap<>(entries);
    out.put(name, content.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static Map<String, byte[]> withReport(Map<String, byte[]> entries, UnaryOperator<String> change) {
    Map<String, byte[]> out = new LinkedHashMap<>(entries);
    String report = new String(entries.get(Bundles.REPORT), StandardCharsets.UTF_8);
    String changed = change.apply(report);
    assertThat(changed).isNotEqualTo(report);
    out.put(Bundles.REPORT, changed.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** New CHECKSUMS.sha256 over every non-meta entry, signed with {@code signer}, and its publisher.pub. */
  static Map<String, byte[]> resign(Map<String, byte[]> entries, PublisherKeys signer) {
    Map<String, byte[]> out = new LinkedHashMap<>(entries);
    StringBuilder checksums = new StringBuilder();
    entries.keySet().stream()
        .filter(n -> !META.contains(n))
        .sorted()
        .forEach(n -> checksums.append(PackageFiles.checksumLine(Digests.sha256Hex(entries.get(n)), n)));
    byte[] bytes = checksums.toString().getBytes(StandardCharsets.UTF_8);
    out.put(Bundles.CHECKSUMS, bytes);
    out.put(Bundles.SIGNATURE, (Base64.getEncoder().encodeToString(signer.sign(bytes)) + "\n").getBytes(StandardCharsets.US_ASCII));
    out.put(Bundles.PUBLIC_KEY, signer.publicPem().getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  private Path zip(Map<String, byte[]> entries, String name) throws Exception {
    List<CanonicalZip.Source> sources = new ArrayList<>();
    entries.forEach(
        (n, bytes) -> {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          sources.add(new CanonicalZip.Source(n, bytes.length, crc.getValue(), () -> new ByteArrayInputStream(bytes)));
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CanonicalZip.write(out, sources);
    Path file = work.resolve(name + ".plugin.zip");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static int centralRecord(byte[] bytes, String name) {
    return indexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02}, name);
  }

  /** The offset of the header with {@code signature} whose name is {@code name}. */
  private static int indexOf(byte[] bytes, byte[] signature, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    int nameAt = signature[2] == 0x01 ? 46 : 30;
    outer:
    for (int i = 0; i + nameAt + n.length <= bytes.length; i++) {
      for (int j = 0; j < 4; j++) {
        if (bytes[i + j] != signature[j]) {
          continue outer;
        }
      }
      for (int j = 0; j < n.length; j++) {
        if (bytes[i + nameAt + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("no header for " + name);
  }
}

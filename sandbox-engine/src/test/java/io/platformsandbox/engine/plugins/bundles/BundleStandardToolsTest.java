package io.platformsandbox.engine.plugins.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.BundleFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §7's promise: anyone can check a bundle with standard tools alone. Unpacks with the JDK's
 * streaming ZIP reader (not ours) and runs {@code sha256sum} and {@code openssl} (3.x, for {@code
 * -rawin} with Ed25519) as real processes.
 */
class BundleStandardToolsTest {
  @TempDir Path work;
  private PublisherKeys keys;
  private VerifiedBundle bundle;
  private Path unpacked;

  @BeforeEach
  void aBundleUnpackedByAnotherZipReader() throws Exception {
    keys = BundleFixtures.keys(work.resolve("keys"));
    bundle = BundleFixtures.bundle(work, keys, BundleFixtures.VERSION);
    unpacked = work.resolve("unpacked");
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle.file()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        Path out = unpacked.resolve(e.getName());
        Files.createDirectories(out.getParent());
        Files.write(out, zip.readAllBytes());
      }
    }
    Files.write(unpacked.resolve("sig.bin"), Base64.getDecoder().decode(Files.readString(unpacked.resolve("SIGNATURE")).trim()));
  }

  @Test
  void sha256sumChecksEveryFile() throws Exception {
    Result r = run(unpacked, "sha256sum", "-c", "--strict", "CHECKSUMS.sha256");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("target/crm-sync.jar: OK", "validation/report.json: OK", "plugin.yaml: OK");
  }

  @Test
  void opensslVerifiesTheSignatureWithPublisherPub() throws Exception {
    Result r = run(unpacked, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "publisher.pub", "-rawin", "-in", "CHECKSUMS.sha256", "-sigfile", "sig.bin");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("Signature Verified Successfully");
  }

  @Test
  void opensslRefusesTheSignatureOfAChangedChecksumsFile() throws Exception {
    Path checksums = unpacked.resolve("CHECKSUMS.sha256");
    String text = Files.readString(checksums);
    Files.writeString(checksums, (text.charAt(0) == '0' ? "1" : "0") + text.substring(1));
    Result r = run(unpacked, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "publisher.pub", "-rawin", "-in", "CHECKSUMS.sha256", "-sigfile", "sig.bin");
    assertThat(r.exit).as(r.output).isNotZero();
  }

  @Test
  void opensslReadsThePrivateKeyAndAgreesOnTheFingerprint() throws Exception {
    Result pub = run(work.resolve("keys"), "openssl", "pkey", "-in", "publisher.key", "-pubout");
    assertThat(pub.exit).as(pub.output).isZero();
    assertThat(pub.output).isEqualTo(Files.readString(work.resolve("keys/publisher.pub")));
    Result der = run(unpacked, "sh", "-c", "openssl pkey -pubin -in publisher.pub -outform DER | sha256sum");
    assertThat(der.exit).as(der.output).isZero();
    assertThat(der.output).startsWith(bundle.keyFingerprint() + " ");
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command[0] + " is not installed; the CI image needs it (coreutils, openssl 3): " + e.getMessage());
    }
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
    return new Result(p.exitValue(), output);
  }
}

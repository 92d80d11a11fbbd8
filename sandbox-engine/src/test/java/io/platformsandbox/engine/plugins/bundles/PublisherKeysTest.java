package io.platformsandbox.engine.plugins.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherKeysTest {
  @TempDir Path home;

  @Test
  void generatedKeysAreOwnerOnlyFilesInAnOwnerOnlyFolder() throws Exception {
    Path dir = home.resolve("nested/keys");
    PublisherKeys.generate(dir, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("publisher.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("publisher.pub")))).isEqualTo("rw-------");
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("publisher.key", "publisher.pub");
    }
  }

  @Test
  void keysArePkcs8AndX509Pem() throws Exception {
    Path dir = home.resolve("keys");
    PublisherKeys.generate(dir, false);
    assertThat(Files.readString(dir.resolve("publisher.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve("publisher.pub"))).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
  }

  @Test
  void anExistingKeyIsNotOverwrittenWithoutForce() throws Exception {
    Path dir = home.resolve("keys");
    PublisherKeys first = PublisherKeys.generate(dir, false);
    byte[] before = Files.readAllBytes(dir.resolve("publisher.key"));
    assertThatThrownBy(() -> PublisherKeys.generate(dir, false))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("--force");
    assertThat(Files.readAllBytes(dir.resolve("publisher.key"))).isEqualTo(before);
    PublisherKeys second = PublisherKeys.generate(dir, true);
    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(PublisherKeys.load(dir).fingerprint()).isEqualTo(second.fingerprint());
  }

  @Test
  void loadedKeysSignWhatTheirPublicKeyVerifies() {
    Path dir = home.resolve("keys");
    PublisherKeys.generate(dir, false);
    PublisherKeys keys = PublisherKeys.load(dir);
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] signature = keys.sign(data);
    assertThat(signature).hasSize(64);
    assertThat(PublisherKeys.verify(keys.publicKey(), data, signature)).isTrue();
    assertThat(keys.fingerprint()).matches("[0-9a-f]{64}");
  }

  @Test
  void aMissingKeyAsksForKeysGenerate() {
    assertThatThrownBy(() -> PublisherKeys.load(home.resolve("none")))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("sandbox keys generate");
  }

  @Test
  void theEnvironmentVariableOverridesTheHomeFolder() {
    assertThat(PublisherKeys.defaultDir(Map.of(), "/home/ann")).isEqualTo(Path.of("/home/ann/.platform-sandbox/keys"));
    assertThat(PublisherKeys.defaultDir(Map.of("PLATFORM_SANDBOX_KEYS", "/ci/keys"), "/home/ann")).isEqualTo(Path.of("/ci/keys"));
  }
}

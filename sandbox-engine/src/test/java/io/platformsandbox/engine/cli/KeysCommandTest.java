package io.platformsandbox.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox keys generate|show} as a user runs them (always with --keys-dir: never the real home). */
class KeysCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @TempDir Path home;

  @Test
  void generateWritesOwnerOnlyKeysAndPrintsTheFingerprint() throws Exception {
    Path keys = home.resolve("keys");
    assertThat(SandboxCli.run(console, "keys", "generate", "--keys-dir", keys.toString())).isEqualTo(0);
    String fingerprint = PublisherKeys.fingerprint(PublisherKeys.loadPublic(keys));
    assertThat(out.toString()).contains("Generated an Ed25519 publisher key pair in " + keys).contains("SHA-256 fingerprint: " + fingerprint);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("publisher.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("publisher.pub")))).isEqualTo("rw-------");
  }

  @Test
  void generateRefusesToOverwriteWithoutForce() throws Exception {
    Path keys = home.resolve("keys");
    assertThat(SandboxCli.run(console, "keys", "generate", "--keys-dir", keys.toString())).isEqualTo(0);
    byte[] before = Files.readAllBytes(keys.resolve("publisher.key"));
    assertThat(SandboxCli.run(console, "keys", "generate", "--keys-dir", keys.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("error: a publisher key already exists in " + keys).contains("--force");
    assertThat(Files.readAllBytes(keys.resolve("publisher.key"))).isEqualTo(before);
    assertThat(SandboxCli.run(console, "keys", "generate", "--force", "--keys-dir", keys.toString())).isEqualTo(0);
    assertThat(Files.readAllBytes(keys.resolve("publisher.key"))).isNotEqualTo(before);
  }

  @Test
  void showPrintsThePublicKeyAndItsFingerprint() throws Exception {
    Path keys = home.resolve("keys");
    SandboxCli.run(console, "keys", "generate", "--keys-dir", keys.toString());
    out.reset();
    assertThat(SandboxCli.run(console, "keys", "show", "--keys-dir", keys.toString())).isEqualTo(0);
    assertThat(out.toString())
        .startsWith(Files.readString(keys.resolve("publisher.pub")))
        .contains("SHA-256 fingerprint: " + PublisherKeys.fingerprint(PublisherKeys.loadPublic(keys)));
  }

  @Test
  void showWithoutKeysSaysHowToMakeThem() {
    assertThat(SandboxCli.run(console, "keys", "show", "--keys-dir", home.resolve("none").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("sandbox keys generate");
  }
}

package io.platformsandbox.app.publish;

import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Notice;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.model.PluginInfo;
import io.platformsandbox.engine.plugins.bundles.BundleException;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.PublisherKeys;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import io.platformsandbox.engine.plugins.marketplace.PublishResult;
import io.platformsandbox.engine.plugins.marketplace.Registry;
import io.platformsandbox.engine.plugins.marketplace.RegistryPlugin;
import io.platformsandbox.engine.plugins.marketplace.RegistryVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Package and Publish for one plugin (DESIGN §7, journeys 1.7 and 3): whether a passing validation
 * report matches the files as they are (else Validate), the publisher key (generated when there is
 * none, with its fingerprint), what the workspace registry already holds for the plugin, then
 * package, verify and publish as one background job. Refusals (a version already published with
 * other bytes, an id pinned to another key, a stale report) become a readable notice and the
 * dialog's last line, never a stack trace.
 *
 * <p>Threading: JavaFX thread (or the test thread); disk and signing through the {@link BackgroundExecutor}.
 */
public final class PublishViewModel {
  /** Runs a validation of the plugin (the report tab) and calls {@code whenDone} once it has ended. */
  @FunctionalInterface
  public interface Validation {
    void validate(PluginInfo plugin, Runnable whenDone);
  }

  public enum ReportState {
    CHECKING,
    VALIDATING,
    MATCHES,
    MISSING,
    FAILED,
    STALE,
    UNUSABLE
  }

  public enum KeyState {
    CHECKING,
    PRESENT,
    MISSING,
    BROKEN
  }

  public enum Progress {
    READY,
    WORKING,
    PUBLISHED,
    ALREADY_PUBLISHED,
    REFUSED
  }

  private final PluginInfo plugin;
  private final Path registryDir;
  private final Path keysDir;
  private final BackgroundExecutor executor;
  private final Notifications notifications;
  private final Validation validation;
  private final ReadOnlyObjectWrapper<ReportState> reportState = new ReadOnlyObjectWrapper<>(ReportState.CHECKING);
  private final ReadOnlyStringWrapper reportText = new ReadOnlyStringWrapper("Checking the validation report…");
  private final ReadOnlyObjectWrapper<KeyState> keyState = new ReadOnlyObjectWrapper<>(KeyState.CHECKING);
  private final ReadOnlyStringWrapper keyFingerprint = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper keyText = new ReadOnlyStringWrapper("Looking for a publisher key…");
  private final ReadOnlyStringWrapper registryText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>(Progress.READY);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<PublishResult> result = new ReadOnlyObjectWrapper<>();
  private final BooleanBinding canPublish;
  private final BooleanBinding canValidate;
  private Consumer<PublishResult> onPublished = r -> {};
  /** Count inspections and publishes, so that a late answer of an older one is dropped. */
  private long inspections;
  private long publishes;

  /**
   * @param registryDir the workspace registry ({@code <workspace>/.sandbox/marketplace}), or null
   *     when the sandbox runs in memory (nothing can be published then)
   * @param keysDir the publisher's keys folder ({@code ~/.platform-sandbox/keys} unless told otherwise)
   */
  public PublishViewModel(
      PluginInfo plugin, Path registryDir, Path keysDir, BackgroundExecutor executor, Notifications notifications, Validation validation) {
    this.plugin = plugin;
    this.registryDir = registryDir;
    this.keysDir = keysDir;
    this.executor = executor;
    this.notifications = notifications;
    this.validation = validation;
    canPublish = Bindings.createBooleanBinding(
        () -> reportState.get() == ReportState.MATCHES && keyState.get() == KeyState.PRESENT && progress.get() != Progress.WORKING && registryDir != null,
        reportState, keyState, progress);
    canValidate = Bindings.createBooleanBinding(
        () -> reportState.get() != ReportState.CHECKING && reportState.get() != ReportState.VALIDATING && progress.get() != Progress.WORKING,
        reportState, progress);
  }

  public PluginInfo plugin() {
    return plugin;
  }

  /** {@code acme.crm-sync 1.4.0} */
  public String title() {
    return plugin.label() + (plugin.isValid() ? " " + plugin.version() : "");
  }

  public Path registryDir() {
    return registryDir;
  }

  public Path keysDir() {
    return keysDir;
  }

  public ReadOnlyObjectProperty<ReportState> reportStateProperty() {
    return reportState.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty reportTextProperty() {
    return reportText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<KeyState> keyStateProperty() {
    return keyState.getReadOnlyProperty();
  }

  /** The hex SHA-256 of the publisher key (as {@code sandbox keys show} prints it); empty without a key. */
  public ReadOnlyStringProperty keyFingerprintProperty() {
    return keyFingerprint.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty keyTextProperty() {
    return keyText.getReadOnlyProperty();
  }

  /** What the registry holds for this plugin id already (versions, pinned key). */
  public ReadOnlyStringProperty registryTextProperty() {
    return registryText.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Progress> progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** The step under way, or how the last publish ended. */
  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  /** The last publish's result; null until one succeeded. */
  public ReadOnlyObjectProperty<PublishResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public BooleanBinding canPublishBinding() {
    return canPublish;
  }

  public BooleanBinding canValidateBinding() {
    return canValidate;
  }

  /** Called after a publish that added a version or found it already there (the marketplace reloads). */
  public void setOnPublished(Consumer<PublishResult> onPublished) {
    this.onPublished = onPublished;
  }

  // ---- inspect -----------------------------------------------------------------------------

  private record Inspection(ReportMatch report, KeyState keyState, String fingerprint, String keyText, String registryText) {}

  /** Checks the report against the files, the key and the registry, in the background. */
  public void inspect() {
    if (reportState.get() != ReportState.VALIDATING) {
      reportState.set(ReportState.CHECKING);
    }
    long run = ++inspections;
    executor.submitQuiet(
        this::inspectBlocking,
        i -> {
          if (run != inspections) {
            return;
          }
          reportState.set(switch (i.report().state()) {
            case MATCHES -> ReportState.MATCHES;
            case MISSING -> ReportState.MISSING;
            case FAILED -> ReportState.FAILED;
            case STALE -> ReportState.STALE;
            case UNUSABLE -> ReportState.UNUSABLE;
          });
          reportText.set(i.report().message());
          keyState.set(i.keyState());
          keyFingerprint.set(i.fingerprint());
          keyText.set(i.keyText());
          registryText.set(i.registryText());
        },
        e -> {
          if (run == inspections) {
            reportState.set(ReportState.UNUSABLE);
            reportText.set(Notifications.describe(e));
          }
        });
  }

  private Inspection inspectBlocking() {
    ReportMatch report = ReportMatch.of(plugin.dir());
    KeyState ks;
    String fingerprint = "";
    String kt;
    if (!Files.exists(keysDir.resolve(PublisherKeys.PRIVATE_FILE)) && !Files.exists(keysDir.resolve(PublisherKeys.PUBLIC_FILE))) {
      ks = KeyState.MISSING;
      kt = "No publisher key in " + keysDir + " yet: generate one to sign bundles.";
    } else {
      try {
        PublisherKeys keys = PublisherKeys.load(keysDir);
        ks = KeyState.PRESENT;
        fingerprint = keys.fingerprint();
        kt = "Key in " + keysDir;
      } catch (BundleException e) {
        ks = KeyState.BROKEN;
        kt = "The key in " + keysDir + " cannot be used: " + e.getMessage();
      }
    }
    return new Inspection(report, ks, fingerprint, kt, registryText(fingerprint));
  }

  private String registryText(String myFingerprint) {
    if (registryDir == null) {
      return "The sandbox runs in memory: open a workspace to publish (its registry is <workspace>/.sandbox/marketplace).";
    }
    if (!plugin.isValid()) {
      return "Registry " + registryDir;
    }
    Optional<RegistryPlugin> known;
    try {
      known = new Registry(registryDir).plugins().stream().filter(p -> p.id().equals(plugin.id())).findFirst();
    } catch (RuntimeException e) {
      return "The registry " + registryDir + " cannot be read: " + Notifications.describe(e);
    }
    if (known.isEmpty()) {
      return plugin.id() + " is new to the registry " + registryDir + "; its first publish pins it to your key.";
    }
    RegistryPlugin p = known.get();
    String versions = p.versions().stream().map(RegistryVersion::version).collect(Collectors.joining(", "));
    StringBuilder sb = new StringBuilder("Published versions: " + versions + ".");
    if (!myFingerprint.isEmpty() && !p.publisherKeySha256().equals(myFingerprint)) {
      sb.append(" Pinned to another publisher key (").append(abbreviate(p.publisherKeySha256()))
          .append("): a bundle signed with yours will be refused.");
    } else {
      sb.append(" Pinned to ").append(myFingerprint.isEmpty() ? "the key " + abbreviate(p.publisherKeySha256()) : "your key").append('.');
    }
    if (p.versions().stream().anyMatch(v -> v.version().equals(plugin.version()))) {
      sb.append(' ').append(plugin.version()).append(" is published already: the same bundle again changes nothing, another build of it is refused (versions are immutable).");
    }
    return sb.toString();
  }

  /** The first 16 hex digits of a fingerprint or hash, then an ellipsis. */
  public static String abbreviate(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Makes a publisher key pair in the keys folder (never replacing one), and shows its fingerprint. */
  public void generateKey() {
    if (keyState.get() != KeyState.MISSING) {
      return;
    }
    executor.submit(
        "Generating a publisher key",
        () -> PublisherKeys.generate(keysDir, false),
        keys -> {
          notifications.success("Publisher key generated", "Fingerprint " + abbreviate(keys.fingerprint()) + ", in " + keysDir
              + ". Back up publisher.key: registries pin each plugin to the key that first published it.");
          inspect();
        },
        e -> {
          notifications.error("Generate publisher key", e);
          inspect();
        });
  }

  /** Validates the plugin (in its report tab), then checks the report again. */
  public void validate() {
    reportState.set(ReportState.VALIDATING);
    reportText.set("Validating in a fresh sandbox (about 20 s; the report tab shows each check)…");
    validation.validate(plugin, this::inspect);
  }

  /** Packages, verifies and publishes to the registry as one background job. */
  public void publish() {
    if (!canPublish.get()) {
      return;
    }
    long run = ++publishes;
    progress.set(Progress.WORKING);
    progressText.set("Packaging " + title() + "…");
    result.set(null);
    Path dir = plugin.dir();
    executor.submit(
        "Publishing " + title(),
        () -> {
          PublisherKeys keys = PublisherKeys.load(keysDir);
          VerifiedBundle packed = Bundles.pack(dir, Bundles.defaultReport(dir), keys, Bundles.defaultOutDir(dir));
          step(run, "Verifying " + packed.file().getFileName() + "…");
          VerifiedBundle verified = Bundles.verify(packed.file());
          step(run, "Publishing to " + registryDir + "…");
          return new Registry(registryDir).publish(verified.file());
        },
        r -> {
          if (run != publishes) {
            return;
          }
          result.set(r);
          VerifiedBundle b = r.bundle();
          if (r.outcome() == PublishResult.Outcome.PUBLISHED) {
            progress.set(Progress.PUBLISHED);
            progressText.set("Published " + b.id() + " " + b.version() + " (" + size(b.size()) + ", sha256 " + abbreviate(b.sha256()) + ") to " + registryDir + ".");
            notifications.success("Published " + b.id() + " " + b.version(), "Signed with " + abbreviate(b.keyFingerprint()) + "; in the workspace marketplace now.");
          } else {
            progress.set(Progress.ALREADY_PUBLISHED);
            progressText.set(b.id() + " " + b.version() + " was already published with these very bytes; nothing changed.");
            notifications.info("Already published", b.id() + " " + b.version() + " is in the registry with these very bytes; nothing changed.");
          }
          onPublished.accept(r);
          inspect();
        },
        e -> {
          if (run != publishes) {
            return;
          }
          progress.set(Progress.REFUSED);
          String why = Notifications.describe(e);
          progressText.set("Refused: " + why);
          notifications.post(Notice.error("Publish " + title() + " refused", why));
          inspect();
        });
  }

  /** The step under way, shown while the job still runs. Any thread. */
  private void step(long run, String text) {
    executor.runOnUiThread(() -> {
      if (run == publishes && progress.get() == Progress.WORKING) {
        progressText.set(text);
      }
    });
  }

  static String size(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }
}

package io.platformsandbox.engine.plugins.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.bundles.BundleSource;
import io.platformsandbox.engine.plugins.bundles.Bundles;
import io.platformsandbox.engine.plugins.bundles.VerifiedBundle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A marketplace registry: a folder with {@code index.json} and the bundles it lists, at {@code
 * plugins/<id>/<version>/<id>-<version>.plugin.zip}.
 *
 * <p>The index is the truth: a bundle it does not list does not exist. Versions are immutable (the
 * same bytes again are a no-op; other bytes are refused) and the first publish of an id pins its
 * publisher key. Publishing holds a lock ({@code .lock}: a file lock between processes and a lock
 * within this JVM), stages the bundle in a temporary folder inside the registry, syncs it, renames
 * it into place, then replaces {@code index.json} by temp file, sync and rename. A crash at any
 * point leaves the previous index and every bundle it lists intact; leftovers are cleared by the
 * next publish.
 *
 * <p>Thread-safe: readers never lock (they see one index or the next), publishers serialise.
 */
public final class Registry {
  public static final String INDEX = "index.json";
  public static final String LOCK = ".lock";
  static final String PLUGINS = "plugins";
  private static final String STAGING_PREFIX = ".staging-";
  private static final int FORMAT = 1;
  private static final Duration LOCK_WAIT = Duration.ofSeconds(60);
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Clock clock;

  public Registry(Path dir) {
    this(dir, Clock.systemUTC());
  }

  Registry(Path dir, Clock clock) {
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** {@code <workspace>/.sandbox/marketplace}. */
  public static Path defaultDir(Path workspace) {
    return workspace.toAbsolutePath().normalize().resolve(".sandbox").resolve("marketplace");
  }

  public Path dir() {
    return dir;
  }

  /** Every plugin of the index, sorted by id; empty when there is no registry yet. */
  public List<RegistryPlugin> plugins() {
    return readIndex();
  }

  /** The bundle of {@code id@version} if the index lists it. */
  public Optional<Path> find(String id, String version) {
    if (!BundleSource.ID.matcher(id).matches() || !BundleSource.SEMVER.matcher(version).matches()) {
      return Optional.empty();
    }
    for (RegistryPlugin plugin : readIndex()) {
      if (plugin.id().equals(id)) {
        for (RegistryVersion v : plugin.versions()) {
          if (v.version().equals(version)) {
            Path bundle = bundlePath(id, version);
            return Files.isRegularFile(bundle, LinkOption.NOFOLLOW_LINKS) ? Optional.of(bundle) : Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Verifies {@code bundle} and adds it. Nothing in the registry is touched when the bundle is
   * refused.
   *
   * @throws io.platformsandbox.engine.plugins.bundles.BundleException when the bundle does not verify
   * @throws RegistryException when the version exists with other bytes, or the id is pinned to another key
   */
  public PublishResult publish(Path bundle) {
    VerifiedBundle verified = Bundles.verify(bundle);
    // Answer refusals and no-ops before creating anything, so a refused publish leaves no trace.
    Optional<PublishResult> early = decide(readIndex(), verified);
    if (early.isPresent()) {
      return early.get();
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RegistryException("cannot create the registry " + dir + ": " + e.getMessage(), e);
    }
    ReentrantLock local = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
    local.lock();
    try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = acquire(lockFile)) {
      clearLeftovers();
      List<RegistryPlugin> index = readIndex();
      Optional<PublishResult> decided = decide(index, verified);
      if (decided.isPresent()) {
        return decided.get();
      }
      return add(index, bundle, verified);
    } catch (IOException e) {
      throw new RegistryException("cannot write to the registry " + dir + ": " + e.getMessage(), e);
    } finally {
      local.unlock();
    }
  }

  private FileLock acquire(FileChannel lockFile) throws IOException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    while (true) {
      FileLock lock = lockFile.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new RegistryException(
            "the registry " + dir + " is locked by another publisher for over " + LOCK_WAIT.toSeconds() + " s; try again later");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while waiting for the registry lock");
      }
    }
  }

  /** A no-op or a refusal that the index alone decides; empty when the bundle should be added. */
  private Optional<PublishResult> decide(List<RegistryPlugin> index, VerifiedBundle bundle) {
    for (RegistryPlugin plugin : index) {
      if (!plugin.id().equals(bundle.id())) {
        continue;
      }
      if (!plugin.publisherKeySha256().equals(bundle.keyFingerprint())) {
        throw new RegistryException(
            bundle.id() + " is pinned to the publisher key " + abbreviate(plugin.publisherKeySha256())
                + " (its first publish), but this bundle is signed with " + abbreviate(bundle.keyFingerprint())
                + "; only the pinned key may publish it");
      }
      for (RegistryVersion v : plugin.versions()) {
        if (v.version().equals(bundle.version())) {
          if (v.sha256().equals(bundle.sha256())) {
            return Optional.of(new PublishResult(PublishResult.Outcome.ALREADY_PUBLISHED, bundle, dir.resolve(v.bundle())));
          }
          throw new RegistryException(
              bundle.coordinates() + " is already published with other bytes (sha256 " + abbreviate(v.sha256())
                  + "); versions are immutable: publish a new version");
        }
        // Same precedence (only build metadata differs) or the same folder on a case-insensitive disk.
        if (SemVer.precedence(v.version(), bundle.version()) == 0 || v.version().equalsIgnoreCase(bundle.version())) {
          throw new RegistryException(
              bundle.coordinates() + " clashes with the published version " + v.version()
                  + " (they differ only in build metadata or in case); publish a new version");
        }
      }
    }
    return Optional.empty();
  }

  private PublishResult add(List<RegistryPlugin> index, Path bundle, VerifiedBundle verified) throws IOException {
    Path staging = Files.createTempDirectory(dir, STAGING_PREFIX);
    try {
      Path staged = staging.resolve(verified.id() + "-" + verified.version() + Bundles.EXTENSION);
      Files.copy(bundle, staged, LinkOption.NOFOLLOW_LINKS);
      sync(staged);
      // What goes in is the staged copy: verify it, not the file the caller may still change.
      VerifiedBundle copy = Bundles.verify(staged);
      if (!copy.sha256().equals(verified.sha256())) {
        throw new RegistryException("the bundle changed while it was being published; try again");
      }
      syncDir(staging);
      Path versionDir = bundlePath(verified.id(), verified.version()).getParent();
      if (Files.exists(versionDir, LinkOption.NOFOLLOW_LINKS)) {
        // Not in the index (decide() would have said so): the leftover of a publish that crashed.
        Bundles.deleteTree(versionDir);
      }
      Files.createDirectories(versionDir.getParent());
      Files.move(staging, versionDir, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      syncDir(versionDir.getParent());
      syncDir(versionDir.getParent().getParent());

      List<RegistryPlugin> updated = withVersion(index, copy);
      writeIndex(updated);
      return new PublishResult(PublishResult.Outcome.PUBLISHED, copy.withFile(bundlePath(verified.id(), verified.version())), bundlePath(verified.id(), verified.version()));
    } finally {
      if (staging != null) {
        Bundles.deleteTree(staging);
      }
    }
  }

  private List<RegistryPlugin> withVersion(List<RegistryPlugin> index, VerifiedBundle b) {
    RegistryVersion added =
        new RegistryVersion(
            b.version(),
            PLUGINS + "/" + b.id() + "/" + b.version() + "/" + b.id() + "-" + b.version() + Bundles.EXTENSION,
            b.sha256(),
            b.size(),
            Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    List<RegistryPlugin> out = new ArrayList<>();
    boolean known = false;
    for (RegistryPlugin p : index) {
      if (!p.id().equals(b.id())) {
        out.add(p);
        continue;
      }
      known = true;
      List<RegistryVersion> versions = new ArrayList<>(p.versions());
      versions.add(added);
      versions.sort(Comparator.comparing(RegistryVersion::version, SemVer.ORDER));
      boolean newest = versions.get(versions.size() - 1) == added;
      out.add(
          new RegistryPlugin(
              p.id(),
              newest ? b.name() : p.name(),
              newest ? b.publisher() : p.publisher(),
              newest ? b.description() : p.description(),
              versions.get(versions.size() - 1).version(),
              p.publisherKeySha256(),
              p.publisherKeyPem(),
              versions));
    }
    if (!known) {
      out.add(new RegistryPlugin(b.id(), b.name(), b.publisher(), b.description(), b.version(), b.keyFingerprint(), b.publicKeyPem(), List.of(added)));
    }
    out.sort(Comparator.comparing(RegistryPlugin::id));
    return out;
  }

  private Path bundlePath(String id, String version) {
    return dir.resolve(PLUGINS).resolve(id).resolve(version).resolve(id + "-" + version + Bundles.EXTENSION);
  }

  // ---- index.json -----------------------------------------------------------------------------

  private List<RegistryPlugin> readIndex() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(INDEX));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new RegistryException("cannot read " + dir.resolve(INDEX) + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = Json.MAPPER.readTree(bytes);
      if (root == null || root.path("format").asInt() != FORMAT || !root.path("plugins").isArray()) {
        throw new RegistryException(dir.resolve(INDEX) + " is not a registry index of format " + FORMAT);
      }
      List<RegistryPlugin> plugins = new ArrayList<>();
      for (JsonNode p : root.get("plugins")) {
        List<RegistryVersion> versions = new ArrayList<>();
        for (JsonNode v : p.path("versions")) {
          versions.add(
              new RegistryVersion(
                  required(v, "version"), required(v, "bundle"), required(v, "sha256"), v.path("size").asLong(), required(v, "published_at")));
        }
        plugins.add(
            new RegistryPlugin(
                required(p, "id"),
                p.path("name").asText(""),
                p.path("publisher").asText(""),
                p.path("description").asText(""),
                p.path("latest_version").asText(""),
                required(p.path("publisher_key"), "sha256"),
                p.path("publisher_key").path("pem").asText(""),
                versions));
      }
      return List.copyOf(plugins);
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException(dir.resolve(INDEX) + " is damaged: " + e.getMessage(), e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return value.asText();
  }

  /** The {@code index.json} shape; see docs/bundles.md. */
  static ObjectNode indexJson(List<RegistryPlugin> plugins) {
    ObjectNode root = Json.object();
    root.put("format", FORMAT);
    ArrayNode list = root.putArray("plugins");
    for (RegistryPlugin p : plugins) {
      ObjectNode n = list.addObject();
      n.put("id", p.id());
      n.put("name", p.name());
      n.put("publisher", p.publisher());
      n.put("description", p.description());
      n.put("latest_version", p.latestVersion());
      ObjectNode key = n.putObject("publisher_key");
      key.put("sha256", p.publisherKeySha256());
      key.put("pem", p.publisherKeyPem());
      ArrayNode versions = n.putArray("versions");
      for (RegistryVersion v : p.versions()) {
        ObjectNode vn = versions.addObject();
        vn.put("version", v.version());
        vn.put("bundle", v.bundle());
        vn.put("sha256", v.sha256());
        vn.put("size", v.size());
        vn.put("published_at", v.publishedAt());
      }
    }
    return root;
  }

  private void writeIndex(List<RegistryPlugin> plugins) throws IOException {
    byte[] bytes =
        (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(indexJson(plugins)) + "\n").getBytes(StandardCharsets.UTF_8);
    Path tmp = Files.createTempFile(dir, "." + INDEX, ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING);
      }
      syncDir(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---- durability -----------------------------------------------------------------------------

  /** Removes what a crashed publish left: staging folders and index temp files (under the lock). */
  private void clearLeftovers() throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (name.startsWith(STAGING_PREFIX)) {
          Bundles.deleteTree(child);
        } else if (name.startsWith("." + INDEX) && name.endsWith(".tmp")) {
          Files.deleteIfExists(child);
        }
      }
    }
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes a rename inside {@code folder} durable; not every platform can open a folder (Windows). */
  private static void syncDir(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // best effort where directories cannot be synced
    }
  }

  private static String abbreviate(String hex) {
    return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
  }
}

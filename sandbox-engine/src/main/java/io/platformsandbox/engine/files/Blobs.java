package io.platformsandbox.engine.files;

import io.platformsandbox.engine.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Content-addressed file bodies, per tenant. A body is written completely (to a temporary file,
 * then renamed) before any metadata points at it, so a crash never leaves a half-written file
 * behind a path. Thread-safe.
 */
public interface Blobs {

  void put(String tenant, String sha256, byte[] content);

  Optional<byte[]> get(String tenant, String sha256);

  void delete(String tenant, String sha256);

  void deleteTenant(String tenant);

  /** Removes every body of every tenant (before a snapshot is restored). */
  void clear();

  /** Bodies kept under a folder: {@code <root>/<tenant>/<sha[0..2]>/<sha>}. */
  static Blobs onDisk(Path root) {
    return new Blobs() {
      @Override
      public void put(String tenant, String sha, byte[] content) {
        Path target = path(tenant, sha);
        if (!Files.exists(target)) {
          AtomicFiles.write(target, content); // content-addressed: an existing file is this content
        }
      }

      @Override
      public Optional<byte[]> get(String tenant, String sha) {
        try {
          return Optional.of(Files.readAllBytes(path(tenant, sha)));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void delete(String tenant, String sha) {
        try {
          Files.deleteIfExists(path(tenant, sha));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void deleteTenant(String tenant) {
        Path dir = root.resolve(tenant);
        if (!Files.exists(dir)) {
          return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void clear() {
        if (!Files.exists(root)) {
          return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            if (!p.equals(root)) {
              Files.deleteIfExists(p);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      private Path path(String tenant, String sha) {
        return root.resolve(tenant).resolve(sha.substring(0, 2)).resolve(sha);
      }
    };
  }

  /** Bodies kept in memory, for {@code --in-memory}. */
  static Blobs inMemory() {
    Map<String, byte[]> map = new ConcurrentHashMap<>();
    return new Blobs() {
      @Override
      public void put(String tenant, String sha, byte[] content) {
        map.put(tenant + "/" + sha, content.clone());
      }

      @Override
      public Optional<byte[]> get(String tenant, String sha) {
        return Optional.ofNullable(map.get(tenant + "/" + sha)).map(byte[]::clone);
      }

      @Override
      public void delete(String tenant, String sha) {
        map.remove(tenant + "/" + sha);
      }

      @Override
      public void deleteTenant(String tenant) {
        map.keySet().removeIf(k -> k.startsWith(tenant + "/"));
      }

      @Override
      public void clear() {
        map.clear();
      }
    };
  }
}

package io.platformsandbox.app.explorer;

import io.platformsandbox.app.plugins.PluginFolders;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a workspace folder and the folders up to {@link PluginFolders#MAX_DEPTH} levels below it
 * (where plugins are found), and tells {@code onChange} once a burst of changes has settled. Changes
 * inside the sandbox's own folders ({@code .sandbox}, build output) are ignored, so a running
 * plugin's log or a validation report does not make the explorer re-read the disk.
 *
 * <p>Threading: a daemon thread of its own; {@code onChange} runs on it.
 */
final class WorkspaceWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWatcher.class);
  /** Editors save in several steps (temp file, rename): wait for quiet before re-reading. */
  static final long SETTLE_MILLIS = 250;

  private final Path root;
  private final Runnable onChange;
  private final WatchService service;
  private final Map<WatchKey, Path> keys = new HashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  private WorkspaceWatcher(Path root, Runnable onChange) throws IOException {
    this.root = root;
    this.onChange = onChange;
    this.service = root.getFileSystem().newWatchService();
    registerTree();
    thread = new Thread(this::loop, "workspace-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching {@code root}; null when it cannot be watched (then Refresh is the only way). */
  static WorkspaceWatcher start(Path root, Runnable onChange) {
    try {
      return new WorkspaceWatcher(root, onChange);
    } catch (IOException | RuntimeException e) {
      LOG.info("not watching {} for changes: {}", root, e.getMessage());
      return null;
    }
  }

  private void loop() {
    try {
      while (!closed) {
        boolean relevant = handle(service.take());
        long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        for (long left; (left = settle - System.nanoTime()) > 0; ) {
          WatchKey more = service.poll(left, TimeUnit.NANOSECONDS);
          if (more != null) {
            relevant |= handle(more);
          }
        }
        if (relevant && !closed) {
          registerTree();
          onChange.run();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed
    } catch (RuntimeException e) {
      LOG.warn("the workspace watcher stopped", e);
    }
  }

  private boolean handle(WatchKey key) {
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
      } else if (event.context() instanceof Path name && !PluginFolders.SKIPPED.contains(name.toString())) {
        relevant = true;
      }
    }
    if (!key.reset()) {
      synchronized (keys) {
        keys.remove(key);
      }
    }
    return relevant;
  }

  /** Registers the folders down to the plugin depth that are not watched yet (new ones appear). */
  private void registerTree() {
    try (Stream<Path> dirs = Files.walk(root, PluginFolders.MAX_DEPTH)) {
      dirs.filter(Files::isDirectory).filter(this::notSkipped).forEach(this::register);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot walk {}: {}", root, e.getMessage());
    }
  }

  private boolean notSkipped(Path dir) {
    for (Path part : root.relativize(dir)) {
      if (PluginFolders.SKIPPED.contains(part.toString())) {
        return false;
      }
    }
    return true;
  }

  private void register(Path dir) {
    synchronized (keys) {
      if (keys.containsValue(dir)) {
        return;
      }
      try {
        keys.put(
            dir.register(
                service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY),
            dir);
      } catch (IOException | ClosedWatchServiceException e) {
        LOG.debug("cannot watch {}: {}", dir, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      service.close();
    } catch (IOException e) {
      // closing anyway
    }
    thread.interrupt();
  }
}

package io.platformsandbox.engine.plugins.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A plugin's output: every line of its stdout and stderr (and its build), kept in memory (the last
 * {@value #KEEP} lines) and appended to a file when there is one. Thread-safe.
 */
public final class PluginLog implements AutoCloseable {
  static final int KEEP = 5_000;

  /** One line of output. {@code stream} is {@code stdout}, {@code stderr} or {@code build}. */
  public record Line(long number, Instant at, String stream, String text) {
    @Override
    public String toString() {
      return stream + ": " + text;
    }
  }

  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private final List<Consumer<Line>> listeners = new CopyOnWriteArrayList<>();
  private final Writer file;
  private long count;

  public PluginLog(Path fileOrNull) {
    try {
      if (fileOrNull != null) {
        Files.createDirectories(fileOrNull.getParent());
      }
      this.file = fileOrNull == null ? null
          : Files.newBufferedWriter(fileOrNull, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the plugin log " + fileOrNull, e);
    }
  }

  public void onLine(Consumer<Line> listener) {
    listeners.add(listener);
  }

  public void add(String stream, String text) {
    Line line;
    synchronized (this) {
      line = new Line(++count, Instant.now(), stream, text);
      lines.addLast(line);
      if (lines.size() > KEEP) {
        lines.removeFirst();
      }
      if (file != null) {
        try {
          file.write(line.at() + " " + stream + " " + text + "\n");
          file.flush();
        } catch (IOException e) {
          // The in-memory copy is still there; losing the file copy must not stop the plugin.
        }
      }
    }
    listeners.forEach(l -> l.accept(line));
  }

  /** Pumps {@code in} into this log on a daemon thread until it ends. */
  public Thread pump(InputStream in, String stream, String threadName) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String s = r.readLine(); s != null; s = r.readLine()) {
          add(stream, s);
        }
      } catch (IOException e) {
        // The process ended or closed its stream.
      }
    }, threadName);
    t.setDaemon(true);
    t.start();
    return t;
  }

  public synchronized List<Line> lines() {
    return new ArrayList<>(lines);
  }

  public List<Line> last(int n) {
    List<Line> all = lines();
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // Nothing more to write.
      }
    }
  }
}

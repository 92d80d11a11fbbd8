package io.platformsandbox.app.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Plugin folders for tests: copies of the repo's samples, and small plugins written on the spot. */
public final class Plugins {
  /** The repo's samples; tests run in {@code app/}. */
  public static final Path SAMPLES = Path.of("..", "sample-projects").toAbsolutePath().normalize();

  private Plugins() {}

  /** Copies {@code sample-projects/<name>} into {@code parent/<name>} (without any .sandbox state) and returns it. */
  public static Path copySample(String name, Path parent) throws IOException {
    Path to = parent.resolve(name);
    copyTree(SAMPLES.resolve(name), to, rel -> rel.startsWith(".sandbox"));
    return to;
  }

  /** Copies {@code from} into {@code to}, leaving out {@code __pycache__} and the relative paths {@code skip} names. */
  static void copyTree(Path from, Path to, Predicate<String> skip) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        String rel = from.relativize(p).toString();
        if (skip.test(rel) || rel.contains("__pycache__")) {
          continue;
        }
        Path target = to.resolve(rel);
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** A plugin whose manifest misses {@code runtime} (line 2 is where the schema says so). */
  public static Path brokenManifest(Path parent, String name) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("plugin.yaml"), String.join("\n",
        "id: test." + name,
        "name: Broken",
        "version: 1.0.0",
        "publisher: test",
        "platform: \"^1.0\"",
        "scopes: [records:read]",
        ""));
    return dir;
  }

  /**
   * A plugin in Python: answers {@code /health}, prints a line, and exits with {@code exitCode}
   * after {@code lifeSeconds} (or runs until stopped when negative); {@code exitBeforeHealthy}
   * makes it exit at once instead.
   */
  public static Path python(Path parent, String name, double lifeSeconds, int exitCode, boolean exitBeforeHealthy) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("plugin.yaml"), String.join("\n",
        "id: test." + name,
        "name: Test " + name,
        "version: 0.1.0",
        "publisher: test",
        "platform: \"^1.0\"",
        "runtime:",
        "  command: [\"python3\", \"plugin.py\"]",
        "  health: /health",
        "  start_timeout_s: 10",
        "scopes: [records:read]",
        ""));
    Files.write(dir.resolve("plugin.py"), List.of(
        "import http.server, os, sys, threading, time",
        "print('hello from " + name + "', flush=True)",
        exitBeforeHealthy ? "print('cannot go on', file=sys.stderr, flush=True); sys.exit(" + exitCode + ")" : "pass",
        "class H(http.server.BaseHTTPRequestHandler):",
        "    def do_GET(self):",
        "        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')",
        "    def log_message(self, *a): pass",
        "s = http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), H)",
        "threading.Thread(target=s.serve_forever, daemon=True).start()",
        "print('listening', flush=True)",
        "time.sleep(" + (lifeSeconds < 0 ? 3600 : lifeSeconds) + ")",
        "print('going down', flush=True)",
        "sys.exit(" + exitCode + ")"));
    return dir;
  }
}

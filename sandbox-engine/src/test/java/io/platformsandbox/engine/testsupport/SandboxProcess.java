package io.platformsandbox.engine.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code sandbox} CLI in its own JVM, as a user runs it. */
public final class SandboxProcess implements AutoCloseable {
  private static final Pattern API_LINE = Pattern.compile("Platform API listening on (http://\\S+)");

  private final Process process;
  private final Path logFile;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();
  private String apiUrl;

  private SandboxProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process died: nothing more to read.
              }
            },
            "sandbox-process-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code sandbox ARGS...} with this JVM's classpath. */
  public static SandboxProcess start(Path logFile, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.platformsandbox.engine.cli.SandboxCli");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(logFile.toFile());
    return new SandboxProcess(pb.start(), logFile);
  }

  /** Waits for the API line and returns the API's base URL. */
  public String awaitApiUrl() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (apiUrl == null) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("sandbox printed no API line in 30 s; output so far: " + output + "; log: " + log());
      }
      output.add(line);
      Matcher m = API_LINE.matcher(line);
      if (m.find()) {
        apiUrl = m.group(1);
      }
    }
    return apiUrl;
  }

  /** Waits for a line containing {@code text}. */
  public String awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line containing '" + text + "'; output so far: " + output + "; log: " + log()
            + (process.isAlive() ? "" : "; exit code " + process.exitValue()));
      }
      output.add(line);
      if (line.contains(text)) {
        return line;
      }
    }
  }

  private String log() {
    try {
      return java.nio.file.Files.readString(logFile);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public Process process() {
    return process;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as Ctrl-C or a service manager would send. */
  public int terminate() throws InterruptedException {
    // Through the handle: Process.destroy() would also close our end of its stdout.
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("sandbox did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

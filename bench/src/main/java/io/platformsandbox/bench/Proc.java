package io.platformsandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux /proc readings: resident memory, CPU time, load average. */
final class Proc {
  private static final double CLK_TCK = 100.0; // USER_HZ on every mainstream Linux

  private Proc() {}

  /** A "VmRSS"-style field of /proc/PID/status, in MiB; -1 when unreadable. */
  static double statusMiB(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux or process gone
    }
    return -1;
  }

  /** User + system CPU seconds the process used so far; -1 when unreadable. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the comm field: state is f[0], utime is field 14 overall = f[11], stime f[12]
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** {user, system} CPU seconds of the process so far; {-1, -1} when unreadable. */
  static double[] cpuSplit(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new double[] {Long.parseLong(f[11]) / CLK_TCK, Long.parseLong(f[12]) / CLK_TCK};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }
}

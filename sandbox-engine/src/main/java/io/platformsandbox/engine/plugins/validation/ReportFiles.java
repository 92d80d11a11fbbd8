package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes a report as {@code report.json}, {@code report.html} (self-contained) and {@code junit.xml}. */
public final class ReportFiles {
  private ReportFiles() {}

  public static void write(Report report, Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve("report.json"), json(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve("report.html"), html(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve("junit.xml"), junit(report).getBytes(StandardCharsets.UTF_8));
  }

  static String json(Report report) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String junit(Report r) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long failures = r.checks().stream().filter(c -> c.status() == CheckResult.Status.FAIL).count();
    long skipped = r.checks().stream().filter(c -> c.status() == CheckResult.Status.SKIP).count();
    b.append("<testsuite name=\"").append(xml("validate " + r.pluginId())).append("\" tests=\"").append(r.checks().size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
        .append("\" time=\"").append(seconds(r.durationMs())).append("\" timestamp=\"").append(r.startedAt()).append("\">\n");
    for (CheckResult c : r.checks()) {
      b.append("  <testcase classname=\"").append(xml(r.pluginId())).append("\" name=\"")
          .append(xml(c.check().name() + " " + c.check().title())).append("\" time=\"").append(seconds(c.durationMs())).append("\"");
      String evidence = String.join("\n", c.evidence());
      switch (c.status()) {
        case FAIL -> b.append(">\n    <failure message=\"").append(xml(c.reason())).append("\">")
            .append(xml(evidence)).append("</failure>\n  </testcase>\n");
        case SKIP -> b.append(">\n    <skipped message=\"").append(xml(c.reason())).append("\"/>\n  </testcase>\n");
        default -> b.append(">\n    <system-out>").append(xml(c.status().wire() + ": " + c.reason()
            + (evidence.isEmpty() ? "" : "\n" + evidence))).append("</system-out>\n  </testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  static String html(Report r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation of ")
        .append(html(r.pluginId())).append(" ").append(html(r.pluginVersion())).append("</title>\n<style>\n")
        .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:960px;color:#1f2328;padding:0 1rem}\n")
        .append("h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.05rem;margin:1.4rem 0 .4rem}table.asks th{width:7rem;text-transform:none;font-size:.9rem}.meta{color:#59636e;margin-bottom:1.5rem}\n")
        .append(".badge{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-weight:600;font-size:.8rem;color:#fff}\n")
        .append(".pass{background:#1a7f37}.fail{background:#cf222e}.warn{background:#9a6700}.skip{background:#6e7781}\n")
        .append("table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #d1d9e0;vertical-align:top}\n")
        .append("th{font-size:.8rem;color:#59636e;text-transform:uppercase}td.time{white-space:nowrap;text-align:right}code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}\n")
        .append("details pre{background:#f6f8fa;padding:.5rem;border-radius:6px;white-space:pre-wrap;word-break:break-all;margin:.3rem 0 0}\n")
        .append("</style></head><body>\n");
    b.append("<h1>").append(html(r.pluginId())).append(" ").append(html(r.pluginVersion())).append(" <span class=\"badge ")
        .append(r.passed() ? "pass" : "fail").append("\">").append(r.passed() ? "PASS" : "FAIL").append("</span></h1>\n");
    long fails = r.failures().size();
    b.append("<div class=\"meta\">Validated ").append(html(r.startedAt().toString())).append(" in ")
        .append(seconds(r.durationMs())).append(" s by Platform Sandbox ").append(html(r.sandboxVersion())).append(" · ")
        .append(fails == 0 ? "no failing checks" : fails + " failing check" + (fails == 1 ? "" : "s"))
        .append("<br>manifest <code>").append(html(r.manifestSha256())).append("</code><br>files <code>")
        .append(html(r.filesSha256())).append("</code></div>\n");
    r.manifest().ifPresent(m -> {
      b.append("<h2>What it asks for</h2>\n<table class=\"asks\"><tbody>\n");
      b.append("<tr><th>Scopes</th><td>").append(html(m.scopes().isEmpty() ? "none" : String.join(", ", m.scopes()))).append("</td></tr>\n");
      b.append("<tr><th>Events</th><td>").append(html(m.events().isEmpty() ? "none" : String.join(", ", m.events()))).append("</td></tr>\n");
      b.append("<tr><th>Egress</th><td>");
      if (m.egress().isEmpty()) {
        b.append("no external hosts");
      }
      for (var e : m.egress()) {
        b.append("<div><code>").append(html(e.host())).append("</code> — ").append(html(e.purpose()))
            .append(e.pii().isEmpty() ? "; no PII" : "; PII: " + html(String.join(", ", e.pii()))).append("</div>");
      }
      b.append("</td></tr>\n</tbody></table>\n<h2>Checks</h2>\n");
    });
    b.append("<table><thead><tr><th>Check</th><th>Status</th><th>Reason and evidence</th><th>Time</th></tr></thead><tbody>\n");
    for (CheckResult c : failuresFirst(r.checks())) {
      b.append("<tr id=\"").append(c.check().name()).append("\"><td><strong>").append(c.check().name()).append("</strong><br>")
          .append(html(c.check().title())).append("</td><td><span class=\"badge ").append(c.status().wire()).append("\">")
          .append(c.status().name()).append("</span></td><td>").append(html(c.reason()));
      if (!c.evidence().isEmpty()) {
        b.append("<details").append(c.status() == CheckResult.Status.FAIL ? " open" : "").append("><summary>Evidence (")
            .append(c.evidence().size()).append(")</summary><pre>").append(html(String.join("\n", c.evidence())))
            .append("</pre></details>");
      }
      b.append("</td><td class=\"time\">").append(c.durationMs()).append(" ms</td></tr>\n");
    }
    return b.append("</tbody></table>\n</body></html>\n").toString();
  }

  /** Failures, then warnings, then the rest, each group in check order: what a reader acts on comes first. */
  private static List<CheckResult> failuresFirst(List<CheckResult> checks) {
    return checks.stream().sorted(Comparator.comparingInt(c -> switch (c.status()) {
      case FAIL -> 0;
      case WARN -> 1;
      default -> 2;
    })).toList();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String html(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : (s == null ? "" : s).toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}

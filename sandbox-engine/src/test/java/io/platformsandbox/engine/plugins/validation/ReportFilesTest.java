package io.platformsandbox.engine.plugins.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.manifest.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportFilesTest {
  private static final Report REPORT = new Report("acme.x", "1.0.0", "0.1.0", "m".repeat(64), "f".repeat(64),
      Instant.parse("2026-11-26T10:00:00Z"), 12_345, List.of(
          CheckResult.pass(Check.M01, "plugin.yaml matches the schema", List.of()),
          CheckResult.fail(Check.S07, "logs <script>alert(1)</script> & \"quotes\"", List.of("line 3 (stdout): cnry01 \u0007 bell")),
          CheckResult.skip(Check.T01, "no scenarios")));

  @TempDir Path dir;

  @Test
  void reportJsonHasTheDesignShape() throws Exception {
    ReportFiles.write(REPORT, dir);
    JsonNode json = Json.MAPPER.readTree(dir.resolve("report.json").toFile());

    assertThat(json.path("plugin").path("id").asText()).isEqualTo("acme.x");
    assertThat(json.path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").get(1).path("id").asText()).isEqualTo("S07");
    assertThat(json.path("checks").get(1).path("status").asText()).isEqualTo("fail");
    assertThat(json.path("checks").get(1).path("evidence").get(0).asText()).startsWith("line 3");
    assertThat(json.fieldNames()).toIterable().containsExactly("plugin", "sandbox_version", "manifest_sha256", "files_sha256",
        "status", "started_at", "duration_ms", "checks");
  }

  @Test
  void junitXmlIsWellFormedWithOneCasePerCheck() throws Exception {
    ReportFiles.write(REPORT, dir);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());

    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
  }

  @Test
  void htmlIsSelfContainedAndEscaped() throws Exception {
    ReportFiles.write(REPORT, dir);
    String html = Files.readString(dir.resolve("report.html"));

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("http://").doesNotContain("https://");
    assertThat(html).contains("FAIL").contains("S07");
  }

  @Test
  void aReviewerSeesWhatThePluginAsksForAndFailuresFirst() throws Exception {
    Manifest m = ManifestParser.parse(dir, """
        id: acme.x
        name: X
        version: 1.0.0
        publisher: acme
        platform: "^1.0"
        runtime: {command: [python3, x.py]}
        scopes: [records:read, pii:read]
        events: [record.created:contacts]
        webhook: /hook
        egress: [{host: api.crm.example, purpose: sync contacts, pii: [contacts.email]}]
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Report withManifest = new Report(REPORT.pluginId(), REPORT.pluginVersion(), REPORT.sandboxVersion(), REPORT.manifestSha256(),
        REPORT.filesSha256(), REPORT.startedAt(), REPORT.durationMs(), REPORT.checks(), java.util.Optional.of(m));

    ReportFiles.write(withManifest, dir);

    JsonNode requests = Json.MAPPER.readTree(dir.resolve("report.json").toFile()).path("requests");
    assertThat(requests.path("scopes")).extracting(JsonNode::asText).containsExactly("records:read", "pii:read");
    assertThat(requests.path("egress").get(0).path("pii").get(0).asText()).isEqualTo("contacts.email");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("What it asks for").contains("api.crm.example").contains("PII: contacts.email");
    assertThat(html.indexOf("id=\"S07\"")).isLessThan(html.indexOf("id=\"M01\""));
  }

  @Test
  void longEvidenceIsCutWithACount() {
    List<String> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "entry " + i).toList();

    CheckResult r = CheckResult.fail(Check.S05, "x", many);

    assertThat(r.evidence()).hasSize(CheckResult.MAX_EVIDENCE + 1).last().isEqualTo("… and 75 more");
  }
}

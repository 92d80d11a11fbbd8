package io.platformsandbox.engine.plugins.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated manifests: any edit of a valid one, and any text at all, is either read or refused
 * with errors that name a field, a line within the file and a message — never another exception.
 */
class ManifestPropertiesTest {
  private static final Path DIR = Path.of("/plugins/p");
  private static final List<String> LINES = List.of(
      "id: acme.crm-sync",
      "name: CRM Sync",
      "version: 1.4.0",
      "publisher: acme",
      "platform: \"^1.0\"",
      "runtime:",
      "  command: [\"python3\", \"plugin.py\"]",
      "  health: /health",
      "  start_timeout_s: 30",
      "scopes: [records:read, records:write]",
      "events: [\"record.created:contacts\"]",
      "webhook: /hooks/platform",
      "actions:",
      "  - {id: sync-now, title: Sync now, path: /actions/sync-now}",
      "egress:",
      "  - {host: api.crm.example, purpose: sync, pii: [contacts.email]}",
      "package:",
      "  include: [plugin.yaml]",
      "fixtures: fixtures/seed.yaml");

  @Property(tries = 500)
  void anEditedManifestIsReadOrRefusedWithFieldLineAndMessage(@ForAll("edited") String yaml) {
    assertReadOrRefusedClearly(yaml);
  }

  @Property(tries = 300)
  void anyTextIsReadOrRefusedWithFieldLineAndMessage(@ForAll String text) {
    assertReadOrRefusedClearly(text);
  }

  private static void assertReadOrRefusedClearly(String yaml) {
    long lines = yaml.lines().count();
    try {
      Manifest m = ManifestParser.parse(DIR, yaml.getBytes(StandardCharsets.UTF_8));
      assertThat(m.id()).isNotBlank();
      assertThat(m.runtime().command()).isNotEmpty();
    } catch (ManifestException e) {
      assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
        assertThat(err.field()).isNotBlank();
        assertThat(err.message()).isNotBlank();
        assertThat(err.line()).isBetween(0, (int) Math.max(lines, 1) + 1);
      });
    }
  }

  @Provide
  Arbitrary<String> edited() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, LINES.size() - 1);
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8),
        Arbitraries.integers().between(-5, 5000).map(String::valueOf),
        Arbitraries.of("[]", "{}", "null", "true", "[1, 2]", "\"\"", "/x", "~", "'unclosed", "[a, a]"));
    Arbitrary<Integer> op = Arbitraries.integers().between(0, 4);
    return Combinators.combine(op, at, value).as((o, i, v) -> {
      List<String> lines = new ArrayList<>(LINES);
      String line = lines.get(i);
      switch (o) {
        case 0 -> lines.remove((int) i);
        case 1 -> lines.add(i, line);
        case 2 -> lines.set(i, line.contains(":") ? line.substring(0, line.indexOf(':') + 1) + " " + v : v);
        case 3 -> lines.add(i, v + ": " + v);
        default -> lines.set(i, "  " + line);
      }
      return String.join("\n", lines) + "\n";
    });
  }
}

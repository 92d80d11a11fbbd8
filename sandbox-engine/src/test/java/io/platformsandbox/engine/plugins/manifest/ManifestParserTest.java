package io.platformsandbox.engine.plugins.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private static final Path DIR = Path.of("/plugins/crm");
  private static final String GOOD =
      """
      id: acme.crm-sync
      name: CRM Sync
      version: 1.4.0
      publisher: acme
      description: Pushes new contacts to the Acme CRM.
      platform: "^1.0"
      runtime:
        build: ["mvn", "-q", "package"]
        command: ["java", "-jar", "target/crm-sync.jar"]
        health: /health
        start_timeout_s: 30
      scopes: [records:read, records:write, events:subscribe]
      events: ["record.created:contacts", "subject.erasure_requested"]
      webhook: /hooks/platform
      actions:
        - {id: sync-now, title: Sync now, path: /actions/sync-now}
      egress:
        - {host: api.crm.example, purpose: sync contacts, pii: [contacts.email]}
      package:
        include: ["plugin.yaml", "target/crm-sync.jar"]
      fixtures: fixtures/seed.yaml
      mocks: mocks/
      scenarios: scenarios/
      """;

  @Test
  void readsTheDesignExample() throws Exception {
    Manifest m = parse(GOOD);

    assertThat(m.id()).isEqualTo("acme.crm-sync");
    assertThat(m.runtime().command()).containsExactly("java", "-jar", "target/crm-sync.jar");
    assertThat(m.runtime().startTimeoutS()).isEqualTo(30);
    assertThat(m.events()).containsExactly("record.created:contacts", "subject.erasure_requested");
    assertThat(m.webhook()).contains("/hooks/platform");
    assertThat(m.actions()).containsExactly(new Manifest.Action("sync-now", "Sync now", "/actions/sync-now"));
    assertThat(m.egress()).containsExactly(new Manifest.Egress("api.crm.example", "sync contacts", List.of("contacts.email")));
    assertThat(m.packageInclude()).containsExactly("plugin.yaml", "target/crm-sync.jar");
    assertThat(m.sha256()).hasSize(64);
    assertThat(ManifestRules.semver(m)).isEmpty();
    assertThat(ManifestRules.knownScopes(m)).isEmpty();
    assertThat(ManifestRules.platformRange(m)).isEmpty();
  }

  @Test
  void defaultsOptionalParts() throws Exception {
    Manifest m = parse(
        """
        id: me.tiny
        name: Tiny
        version: 0.1.0
        publisher: me
        platform: "^1"
        runtime: {command: [python3, plugin.py]}
        """);

    assertThat(m.runtime().health()).isEqualTo("/health");
    assertThat(m.runtime().startTimeoutS()).isEqualTo(30);
    assertThat(m.scopes()).isEmpty();
    assertThat(m.webhook()).isEmpty();
    assertThat(m.fixtures()).isEmpty();
  }

  @Test
  void namesTheMissingFieldItsLineAndWhatIsValid() {
    String yaml = GOOD.replace("  command: [\"java\", \"-jar\", \"target/crm-sync.jar\"]\n", "");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.errors()).hasSize(1);
          ManifestError error = e.errors().get(0);
          assertThat(error.field()).isEqualTo("runtime.command");
          assertThat(error.line()).isEqualTo(7);
          assertThat(error.message()).contains("is missing").contains("the command that starts the plugin");
        });
  }

  @Test
  void unknownFieldsAreNamedWithTheValidOnes() {
    assertThatThrownBy(() -> parse(GOOD + "colour: blue\n"))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          ManifestError error = e.errors().get(0);
          assertThat(error.field()).isEqualTo("colour");
          assertThat(error.line()).isEqualTo(24);
          assertThat(error.message()).contains("not a known field").contains("egress").contains("scenarios");
        });
  }

  @Test
  void wrongShapesInListsNameTheElement() {
    String yaml = GOOD.replace("host: api.crm.example", "host: \"https://api.crm.example/x\"");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          ManifestError error = e.errors().get(0);
          assertThat(error.field()).isEqualTo("egress[0].host");
          assertThat(error.line()).isEqualTo(18);
          assertThat(error.message()).contains("no scheme, port or path");
          assertThat(error.toString()).startsWith("plugin.yaml:18: egress[0].host: ");
        });
  }

  @Test
  void everyErrorIsReportedNotJustTheFirst() {
    String yaml = GOOD.replace("id: acme.crm-sync", "id: Acme_CRM").replace("start_timeout_s: 30", "start_timeout_s: soon");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(ManifestException.class, e ->
            assertThat(e.errors()).extracting(ManifestError::field).containsExactly("id", "runtime.start_timeout_s"));
  }

  @Test
  void eventsNeedAWebhook() {
    assertThatThrownBy(() -> parse(GOOD.replace("webhook: /hooks/platform\n", "")))
        .isInstanceOfSatisfying(ManifestException.class, e ->
            assertThat(e.errors().get(0).field()).isEqualTo("webhook"));
  }

  @Test
  void brokenYamlAndDuplicateKeysAreErrorsWithLines() {
    assertThatThrownBy(() -> parse("id: [unclosed\nname: x\n"))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.errors().get(0).field()).isEqualTo("(file)");
          assertThat(e.errors().get(0).message()).startsWith("is not valid YAML");
        });
    assertThatThrownBy(() -> parse(GOOD + "id: again\n"))
        .isInstanceOfSatisfying(ManifestException.class, e ->
            assertThat(e.errors().get(0).message()).contains("Duplicate field 'id'"));
    assertThatThrownBy(() -> parse("")).isInstanceOf(ManifestException.class);
    assertThatThrownBy(() -> parse("- a list\n")).isInstanceOf(ManifestException.class);
  }

  @Test
  void rulesBeyondTheSchema() throws Exception {
    Manifest m = parse(GOOD.replace("version: 1.4.0", "version: \"1.4\"")
        .replace("records:write", "records:everything").replace("\"^1.0\"", "\"^2.0\""));

    assertThat(ManifestRules.semver(m)).get().asString().contains("1.4").contains("MAJOR.MINOR.PATCH");
    assertThat(ManifestRules.knownScopes(m)).get().asString().contains("records:everything").contains("records:write");
    assertThat(ManifestRules.platformRange(m)).get().asString().contains("^2.0").contains("1.0.0");
    assertThat(ManifestRules.platformRange(parse(GOOD.replace("\"^1.0\"", "\"not a range!\""))))
        .get().asString().contains("not a version range");
    assertThat(ManifestRules.platformRange(parse(GOOD.replace("\"^1.0\"", "\">=1.0 <2.0\"")))).isEmpty();
  }

  private static Manifest parse(String yaml) throws ManifestException {
    return ManifestParser.parse(DIR, yaml.getBytes(StandardCharsets.UTF_8));
  }
}

package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import io.platformsandbox.mocks.journal.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs the author's {@code scenarios/*.yaml} (check T01): {@code given} records, {@code when}
 * steps, {@code then} expectations that must all hold within {@code within_s} seconds. The format
 * is in docs/plugins.md.
 */
final class ScenarioRunner {
  private final Session session;

  ScenarioRunner(Session session) {
    this.session = session;
  }

  /** One scenario's outcome; {@code problems} is empty when it passed. */
  record Outcome(String file, String name, List<String> problems, long millis) {
    boolean passed() {
      return problems.isEmpty();
    }
  }

  static List<Path> files(Manifest m) throws IOException {
    if (m.scenarios().isEmpty() || !Files.isDirectory(m.resolve(m.scenarios().get()))) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(m.resolve(m.scenarios().get()))) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  Outcome run(Path file) {
    long start = System.nanoTime();
    String name = file.getFileName().toString();
    List<String> problems = new ArrayList<>();
    try {
      JsonNode doc = Json.YAML.readTree(file.toFile());
      if (doc == null || !doc.isObject()) {
        return new Outcome(name, name, List.of("is not a YAML mapping with given/when/then"), 0);
      }
      name = doc.path("name").asText(name);
      for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!List.of("name", "given", "when", "then", "within_s").contains(key)) {
          problems.add(key + ": is not a scenario field; use name, given, when, then, within_s");
        }
      }
      if (!problems.isEmpty()) {
        return new Outcome(file.getFileName().toString(), name, problems, 0);
      }
      Instant started = Instant.now().minusMillis(50);
      given(doc.path("given"));
      AtomicReference<SandboxHttp.Reply> last = new AtomicReference<>();
      for (JsonNode step : doc.path("when")) {
        when(step).ifPresent(last::set);
      }
      double within = doc.path("within_s").asDouble(10);
      AtomicReference<List<String>> unmet = new AtomicReference<>(List.of());
      Session.await(Duration.ofMillis((long) (within * 1000)), () -> {
        unmet.set(unmet(doc.path("then"), started, last.get()));
        return unmet.get().isEmpty();
      });
      problems.addAll(unmet.get().stream().map(u -> u + " (within " + within + " s)").toList());
    } catch (IOException e) {
      problems.add("cannot read the scenario: " + e.getMessage());
    } catch (ScenarioException | SandboxHttp.SandboxHttpException e) {
      problems.add(e.getMessage());
    }
    return new Outcome(file.getFileName().toString(), name, problems, (System.nanoTime() - start) / 1_000_000);
  }

  private void given(JsonNode given) {
    given.path("records").fields().forEachRemaining(e -> {
      for (JsonNode r : e.getValue()) {
        session.createRecord(e.getKey(), (ObjectNode) r);
      }
    });
  }

  private Optional<SandboxHttp.Reply> when(JsonNode step) {
    if (step.has("create_record")) {
      JsonNode s = step.get("create_record");
      session.createRecord(required(s, "collection", "create_record").asText(), (ObjectNode) required(s, "record", "create_record"));
      return Optional.empty();
    }
    if (step.has("trigger")) {
      JsonNode s = step.get("trigger");
      session.trigger(required(s, "type", "trigger").asText(), s.path("subject").isTextual() ? s.get("subject").asText() : null,
          s.path("data").isObject() ? (ObjectNode) s.get("data") : Json.object());
      return Optional.empty();
    }
    if (step.has("action")) {
      String id = step.get("action").asText();
      Manifest.Action action = session.manifest.actions().stream().filter(a -> a.id().equals(id)).findFirst()
          .orElseThrow(() -> new ScenarioException("when: action '" + id + "' is not in the manifest's actions"));
      return Optional.of(session.toPlugin("POST", action.path(), "{}".getBytes(StandardCharsets.UTF_8), Map.of()));
    }
    if (step.has("http")) {
      JsonNode s = step.get("http");
      byte[] body = s.has("body") ? Json.bytes(s.get("body")) : null;
      return Optional.of(session.toPlugin(s.path("method").asText("GET"), required(s, "path", "http").asText(), body, Map.of()));
    }
    throw new ScenarioException("when: unknown step " + step + "; use create_record, trigger, action or http");
  }

  private List<String> unmet(JsonNode then, Instant since, SandboxHttp.Reply last) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : then) {
      if (t.has("record") || t.has("no_record")) {
        boolean expectNone = t.has("no_record");
        JsonNode s = expectNone ? t.get("no_record") : t.get("record");
        List<JsonNode> found = records(required(s, "collection", "record").asText(), s.path("filter").asText(""));
        List<JsonNode> matching = found.stream().filter(r -> fieldsMatch(r, s.path("fields"))).toList();
        if (expectNone && !matching.isEmpty()) {
          out.add("then no_record " + s + ": found " + matching.size());
        } else if (!expectNone && matching.isEmpty()) {
          out.add("then record " + s + ": none found" + (found.isEmpty() ? "" : " (closest: " + found.get(0) + ")"));
        }
      } else if (t.has("egress")) {
        JsonNode s = t.get("egress");
        long count = session.pluginJournal().stream()
            .filter(e -> !e.time().isBefore(since))
            .filter(e -> egressMatches(e, s))
            .count();
        boolean ok = s.has("count") ? count == s.get("count").asLong() : count > 0;
        if (!ok) {
          out.add("then egress " + s + ": saw " + count + " matching call" + (count == 1 ? "" : "s"));
        }
      } else if (t.has("response")) {
        JsonNode s = t.get("response");
        if (last == null) {
          out.add("then response: no action or http step gave a response");
        } else if ((s.has("status") && last.status() != s.get("status").asInt())
            || (s.has("body_contains") && !last.body().contains(s.get("body_contains").asText()))) {
          out.add("then response " + s + ": got " + last.status() + " " + abbreviate(last.body()));
        }
      } else {
        out.add("then: unknown expectation " + t + "; use record, no_record, egress or response");
      }
    }
    return out;
  }

  private List<JsonNode> records(String collection, String filter) {
    String path = "/v1/collections/" + collection + "/records?limit=100" + (filter.isEmpty() ? "" : "&filter=" + SandboxHttp.query(filter));
    SandboxHttp.Reply r = session.http.api("GET", path, null, session.adminToken);
    if (!r.ok()) {
      throw new ScenarioException("then: reading " + collection + " with filter '" + filter + "' failed (" + r.status() + "): "
          + r.json().path("detail").asText(r.body()));
    }
    List<JsonNode> out = new ArrayList<>();
    r.json().path("data").forEach(out::add);
    return out;
  }

  private static boolean fieldsMatch(JsonNode record, JsonNode fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode actual = record.has(f.getKey()) ? record.get(f.getKey()) : record.path("data").path(f.getKey());
      if ("*".equals(f.getValue().asText(null))) {
        if (actual.isMissingNode() || actual.isNull()) {
          return false;
        }
      } else if (!actual.equals(f.getValue()) && !actual.asText().equals(f.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean egressMatches(JournalEntry e, JsonNode s) {
    if (s.has("method") && !s.get("method").asText().equalsIgnoreCase(e.method())) {
      return false;
    }
    if (s.has("host") && !s.get("host").asText().equalsIgnoreCase(e.host())) {
      return false;
    }
    if (s.has("path")) {
      String path = pathOf(e.url());
      String want = s.get("path").asText();
      return want.endsWith("*") ? path.startsWith(want.substring(0, want.length() - 1)) : path.equals(want);
    }
    return true;
  }

  static String pathOf(String url) {
    String noQuery = url.split("\\?", 2)[0];
    if (!noQuery.startsWith("http://") && !noQuery.startsWith("https://")) {
      return noQuery;
    }
    int slash = noQuery.indexOf('/', noQuery.indexOf("//") + 2);
    return slash < 0 ? "/" : noQuery.substring(slash);
  }

  private static JsonNode required(JsonNode node, String field, String step) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || (field.equals("record") && !v.isObject())) {
      throw new ScenarioException(step + ": '" + field + "' is required");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /** A scenario that cannot run as written. */
  static final class ScenarioException extends RuntimeException {
    ScenarioException(String message) {
      super(message);
    }
  }
}

package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.plugins.manifest.Manifest;
import io.platformsandbox.engine.plugins.runtime.PluginLog;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.proxy.HostNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** S06, S07 and C01: where the seeded canary PII goes, and erasure. */
final class PrivacyChecks {
  private final Session session;

  PrivacyChecks(Session session) {
    this.session = session;
  }

  /** S06. */
  CheckResult egressPii() {
    Map<String, String> canaries = session.seed.canaries();
    if (canaries.isEmpty()) {
      return CheckResult.skip(Check.S06, "the fixtures have no pii/phi string fields to seed canaries into");
    }
    List<String> leaks = new ArrayList<>();
    for (Map.Entry<String, String> c : canaries.entrySet()) {
      String field = c.getValue();
      for (JournalEntry e : session.engine.mocks().journal().entries(
          JournalQuery.all().withPlugin(session.manifest.id()).containing(c.getKey()))) {
        if (!declares(e.host(), field)) {
          leaks.add(field + " (canary " + c.getKey() + ") sent to " + e.host() + " — " + Session.describe(e));
        }
      }
    }
    if (leaks.isEmpty()) {
      return CheckResult.pass(Check.S06, canaries.size() + " canary values seeded; none reached a host that does not declare them",
          List.of());
    }
    return CheckResult.fail(Check.S06, leaks.size() + " request" + (leaks.size() == 1 ? "" : "s")
        + " carried PII to a host whose egress entry does not list the field; list it under that host's pii or stop sending it", leaks);
  }

  /** S07, judged once the process has ended and its output is complete. */
  CheckResult logs() {
    List<PluginLog.Line> lines = session.plugin.log().lines();
    String secret = session.plugin.registration().clientSecret();
    List<String> hits = new ArrayList<>();
    for (PluginLog.Line line : lines) {
      if (!secret.isEmpty() && line.text().contains(secret)) {
        hits.add("line " + line.number() + " (" + line.stream() + "): contains the client secret");
      }
      for (Map.Entry<String, String> c : session.seed.canaries().entrySet()) {
        if (line.text().contains(c.getKey())) {
          hits.add("line " + line.number() + " (" + line.stream() + "): contains " + c.getValue() + " (canary " + c.getKey() + ")");
        }
      }
    }
    if (hits.isEmpty()) {
      return CheckResult.pass(Check.S07, lines.size() + " log lines; no canary PII and no client secret", List.of());
    }
    return CheckResult.fail(Check.S07, "the plugin's output contains "
        + (hits.stream().anyMatch(h -> h.contains("secret")) ? "its client secret" : "PII")
        + "; log ids, not values", hits.stream().limit(20).toList());
  }

  /** C01. */
  CheckResult erasure() {
    List<String> why = touchesPii();
    if (why.isEmpty()) {
      return CheckResult.skip(Check.C01, "the plugin does not touch PII (no pii:read, no pii egress, no pii fields in its events)");
    }
    if (!session.manifest.events().contains("subject.erasure_requested")) {
      return CheckResult.fail(Check.C01, "the plugin touches PII but does not subscribe to subject.erasure_requested; add it to events and "
          + "delete what it keeps about the subject", why);
    }
    Optional<String> subject = seededSubject();
    int before = session.sideEffects();
    JsonNode event = session.trigger("subject.erasure_requested", subject.orElse("s-validation-erasure"), null);
    Optional<JsonNode> delivery = session.awaitDelivery(event.path("id").asText(), Duration.ofSeconds(15));
    if (delivery.isEmpty()) {
      return CheckResult.fail(Check.C01, "the erasure request was not acknowledged within 15 s", why);
    }
    int status = Session.firstStatus(delivery.get());
    List<String> evidence = new ArrayList<>(why);
    evidence.add("delivery " + delivery.get().path("id").asText() + " of event " + event.path("id").asText() + " → " + status);
    if (status / 100 != 2) {
      return CheckResult.fail(Check.C01, "the erasure request was answered " + status + "; acknowledge it with 2xx once handled", evidence);
    }
    session.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(5));
    int caused = session.sideEffects() - before;
    if (caused == 0 && subject.isPresent()) {
      return CheckResult.warn(Check.C01, "acknowledged subject.erasure_requested for " + subject.get()
          + " but did nothing observable (no platform write, no external call)", evidence);
    }
    return CheckResult.pass(Check.C01, "handled subject.erasure_requested (" + caused + " resulting call" + (caused == 1 ? "" : "s") + ")",
        evidence);
  }

  private List<String> touchesPii() {
    List<String> why = new ArrayList<>();
    if (session.manifest.scopes().contains("pii:read")) {
      why.add("declares pii:read");
    }
    for (Manifest.Egress e : session.manifest.egress()) {
      if (!e.pii().isEmpty()) {
        why.add("sends " + String.join(", ", e.pii()) + " to " + e.host());
      }
    }
    session.drivingCollection().filter(c -> !session.seed.sensitiveFields(c).isEmpty())
        .ifPresent(c -> why.add("receives events of " + c + ", which has pii/phi fields"));
    return why;
  }

  private Optional<String> seededSubject() {
    for (JsonNode r : session.seeded()) {
      for (String c : session.seed.collections()) {
        String field = session.seed.subjectField(c);
        if (field != null && r.path(field).isTextual()) {
          return Optional.of(r.get(field).asText());
        }
      }
    }
    return Optional.empty();
  }

  private boolean declares(String host, String field) {
    return session.manifest.egress().stream().anyMatch(e -> HostNames.matches(e.host(), host) && e.pii().contains(field));
  }
}

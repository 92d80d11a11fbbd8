package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.traffic.TrafficEntry;
import io.platformsandbox.mocks.faults.FaultRule;
import io.platformsandbox.mocks.journal.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Q01–Q04: duplicates, platform rate limits, external failures, bursts. */
final class ResilienceChecks {
  static final int BURST = 50;
  static final double ACK_P95_LIMIT_MS = 2_000;
  private final Session session;

  ResilienceChecks(Session session) {
    this.session = session;
  }

  /** Q01: redeliver an event the plugin already handled; nothing new may happen. */
  CheckResult duplicates() {
    if (session.plugin.registration().webhookId() == null) {
      return CheckResult.skip(Check.Q01, "the plugin subscribes to no events");
    }
    if (session.deliveries().isEmpty()) {
      session.emit();
      Session.await(Duration.ofSeconds(10), () -> session.deliveries().stream().anyMatch(d -> d.path("attempts").asInt() > 0));
      session.awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(10));
    }
    if (session.sideEffects() == 0) {
      return CheckResult.skip(Check.Q01, "the plugin's events caused no platform write or external call, so there is nothing to duplicate");
    }
    Optional<JsonNode> handled = session.deliveries().stream().filter(d -> Session.firstStatus(d) / 100 == 2).reduce((a, b) -> b);
    if (handled.isEmpty()) {
      return CheckResult.skip(Check.Q01, "no delivery was acknowledged, so there is nothing to redeliver");
    }
    JsonNode d = handled.get();
    int before = session.sideEffects();
    int trafficBefore = session.pluginTraffic().size();
    int journalBefore = session.pluginJournal().size();
    session.http.api("POST", "/v1/webhooks/" + d.path("webhook_id").asText() + "/deliveries/" + d.path("id").asText() + "/redeliver",
        null, session.adminToken).expectOk("Redelivering " + d.path("id").asText());
    session.awaitQuiet(Duration.ofMillis(1_000), Duration.ofSeconds(8));
    int caused = session.sideEffects() - before;
    List<String> evidence = new ArrayList<>();
    evidence.add("redelivered " + d.path("id").asText() + " (event " + d.path("event_id").asText() + ", " + d.path("event_type").asText() + ")");
    if (caused == 0) {
      return CheckResult.pass(Check.Q01, "the redelivered event caused no new platform write or external call", evidence);
    }
    List<TrafficEntry> traffic = session.pluginTraffic();
    traffic.subList(Math.min(trafficBefore, traffic.size()), traffic.size()).stream()
        .filter(e -> !e.method().equals("GET")).map(Session::describe).forEach(evidence::add);
    List<JournalEntry> journal = session.pluginJournal();
    journal.subList(Math.min(journalBefore, journal.size()), journal.size()).stream().map(Session::describe).forEach(evidence::add);
    return CheckResult.fail(Check.Q01, "the same event delivered again caused " + caused + " more call" + (caused == 1 ? "" : "s")
        + "; remember handled event ids and acknowledge duplicates without acting", evidence);
  }

  /** Q02: the plugin's next platform call gets 429 with Retry-After: 1; it must retry it after a second. */
  CheckResult platformRateLimit() {
    String app = session.plugin.registration().clientId();
    JsonNode rule = session.http.api("POST", "/_sandbox/faults",
        Map.of("path", "/v1/**", "app", app, "status", 429, "retry_after_s", 1, "count", 1)).expectOk("Adding a 429 fault").json();
    int seen = session.pluginTraffic().size();
    try {
      Optional<String> emitted = session.emit();
      if (emitted.isEmpty()) {
        return CheckResult.skip(Check.Q02, "the plugin subscribes to nothing the validator can emit");
      }
      AtomicReference<TrafficEntry> faulted = new AtomicReference<>();
      AtomicReference<TrafficEntry> retry = new AtomicReference<>();
      Session.await(Duration.ofSeconds(8), () -> {
        List<TrafficEntry> all = session.pluginTraffic();
        List<TrafficEntry> recent = all.subList(Math.min(seen, all.size()), all.size());
        for (TrafficEntry e : recent) {
          TrafficEntry first = faulted.get();
          if (first == null && e.status() == 429 && e.fault() != null) {
            faulted.set(e);
          } else if (first != null && e.method().equals(first.method()) && e.path().equals(first.path()) && e.status() < 400) {
            retry.set(e);
            return true;
          }
        }
        return false;
      });
      if (faulted.get() == null) {
        return CheckResult.skip(Check.Q02, "after " + emitted.get() + " the plugin made no platform call to answer with 429");
      }
      List<String> evidence = new ArrayList<>(List.of(emitted.get(), Session.describe(faulted.get())));
      if (retry.get() == null) {
        return CheckResult.fail(Check.Q02, "a 429 with Retry-After: 1 on " + faulted.get().method() + " " + faulted.get().path()
            + " was not retried successfully within 8 s; wait Retry-After seconds and retry", evidence);
      }
      long waited = Duration.between(faulted.get().time(), retry.get().time()).toMillis();
      evidence.add(Session.describe(retry.get()) + " after " + waited + " ms");
      if (waited < 900) {
        return CheckResult.fail(Check.Q02, "retried after " + waited + " ms, before the 1 s Retry-After", evidence);
      }
      return CheckResult.pass(Check.Q02, "retried " + faulted.get().method() + " " + faulted.get().path() + " after " + waited
          + " ms and it succeeded", evidence);
    } finally {
      session.http.api("DELETE", "/_sandbox/faults/" + rule.path("id").asText(), null);
      session.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(5));
    }
  }

  /** Q03: the external hosts answer 503, then time out; the plugin must stay up and healthy. */
  CheckResult externalFailures() {
    if (session.manifest.egress().isEmpty()) {
      return CheckResult.skip(Check.Q03, "the plugin declares no external hosts");
    }
    var faults = session.engine.mocks().faults();
    int seen = session.pluginJournal().size();
    List<String> evidence = new ArrayList<>();
    try {
      for (var e : session.manifest.egress()) {
        faults.add(FaultRule.status(e.host(), 503).times(3));
      }
      session.emit().ifPresent(evidence::add);
      session.awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(6));
      faults.clear();
      for (var e : session.manifest.egress()) {
        faults.add(FaultRule.latency(e.host(), 6_000).times(2));
      }
      session.emit().ifPresent(evidence::add);
      session.awaitQuiet(Duration.ofMillis(1_500), Duration.ofSeconds(8));
    } finally {
      faults.clear();
    }
    List<JournalEntry> all = session.pluginJournal();
    List<JournalEntry> faulted = all.subList(Math.min(seen, all.size()), all.size()).stream().filter(j -> j.faultId() != null).toList();
    faulted.stream().map(Session::describe).forEach(evidence::add);
    if (!session.plugin.isAlive()) {
      List<String> withLog = new ArrayList<>(evidence);
      session.plugin.log().last(10).forEach(l -> withLog.add(l.toString()));
      return CheckResult.fail(Check.Q03, "the plugin exited with code " + session.plugin.exitCode().orElse(-1)
          + " after external failures; catch errors and time out external calls", withLog);
    }
    if (!session.healthy()) {
      return CheckResult.fail(Check.Q03, "the plugin is no longer healthy after external failures", evidence);
    }
    if (faulted.isEmpty()) {
      return CheckResult.skip(Check.Q03, "the plugin made no external call after its events, so no failure could be injected");
    }
    return CheckResult.pass(Check.Q03, "stayed up and healthy through " + faulted.size() + " injected external failure"
        + (faulted.size() == 1 ? "" : "s"), evidence);
  }

  /** Q04: 50 events at once; p95 of the webhook acknowledgements must stay under 2 s. */
  CheckResult burst() {
    if (session.plugin.registration().webhookId() == null) {
      return CheckResult.skip(Check.Q04, "the plugin subscribes to no events");
    }
    Set<String> known = new HashSet<>();
    session.deliveries().forEach(d -> known.add(d.path("id").asText()));
    for (int i = 0; i < BURST; i++) {
      if (session.emit().isEmpty()) {
        return CheckResult.skip(Check.Q04, "the plugin subscribes to nothing the validator can emit");
      }
    }
    AtomicReference<List<JsonNode>> fresh = new AtomicReference<>(List.of());
    Session.await(Duration.ofSeconds(40), () -> {
      fresh.set(session.deliveries().stream().filter(d -> !known.contains(d.path("id").asText())).toList());
      return fresh.get().size() >= BURST && fresh.get().stream().allMatch(d -> d.path("attempts").asInt() > 0);
    });
    List<Double> latencies = new ArrayList<>();
    int notAcked = 0;
    for (JsonNode d : fresh.get()) {
      JsonNode first = d.path("attempt_history").path(0);
      if (first.isMissingNode()) {
        latencies.add(Double.MAX_VALUE);
        notAcked++;
        continue;
      }
      latencies.add(first.path("latency_ms").asDouble());
      if (first.path("status_code").asInt() / 100 != 2) {
        notAcked++;
      }
    }
    while (latencies.size() < BURST) {
      latencies.add(Double.MAX_VALUE);
      notAcked++;
    }
    latencies.sort(Double::compare);
    double p95 = latencies.get((int) Math.ceil(0.95 * latencies.size()) - 1);
    double p50 = latencies.get(latencies.size() / 2);
    String figures = String.format(Locale.ROOT, "p50 %.0f ms, p95 %s", p50, p95 == Double.MAX_VALUE ? "no answer" : String.format(Locale.ROOT, "%.0f ms", p95));
    List<String> evidence = List.of(BURST + " events; " + figures + "; " + notAcked + " not acknowledged with 2xx");
    session.awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(10));
    if (notAcked > 0) {
      return CheckResult.fail(Check.Q04, notAcked + " of " + BURST + " deliveries were not acknowledged with 2xx (" + figures + ")", evidence);
    }
    if (p95 >= ACK_P95_LIMIT_MS) {
      return CheckResult.fail(Check.Q04, "acknowledgement " + figures + " (limit 2,000 ms); acknowledge first, work after", evidence);
    }
    return CheckResult.pass(Check.Q04, "acknowledged all " + BURST + " events, " + figures, evidence);
  }
}

package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.HttpMethod;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.http.Paths;
import io.platformsandbox.engine.http.Router;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.plugins.runtime.SandboxHttp;
import io.platformsandbox.engine.traffic.TrafficEntry;
import io.platformsandbox.engine.webhooks.Signatures;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** S01–S05: webhook signatures, least privilege, egress hosts. */
final class SecurityChecks {
  private static final long REPLAY_AGE_S = 6 * 60;
  private final Session session;

  SecurityChecks(Session session) {
    this.session = session;
  }

  /** S01 (no signature), S02 (wrong signature), S03 (an old timestamp, correctly signed). */
  CheckResult signature(Check check) {
    if (session.plugin.registration().webhookId() == null) {
      return CheckResult.skip(check, "the plugin subscribes to no events, so it has no webhook to probe");
    }
    List<JsonNode> deliveries = session.deliveries();
    boolean anyAccepted = deliveries.stream().anyMatch(d -> Session.firstStatus(d) / 100 == 2);
    if (!deliveries.isEmpty() && !anyAccepted) {
      return CheckResult.fail(check, "the plugin rejects correctly signed deliveries from the platform too (first answer "
          + Session.firstStatus(deliveries.get(0)) + "); verify with PLATFORM_WEBHOOK_SECRET over \"<t>.<body>\"",
          deliveries.stream().limit(3).map(d -> "delivery " + d.path("id").asText() + " → " + Session.firstStatus(d)).toList());
    }
    byte[] body = probeBody();
    long now = Instant.now().getEpochSecond();
    String secret = session.plugin.registration().webhookSecret();
    Map<String, String> headers;
    String what;
    switch (check) {
      case S01 -> {
        headers = Map.of();
        what = "a delivery with no Platform-Signature";
      }
      case S02 -> {
        headers = Map.of("Platform-Signature", Signatures.header("not-" + secret, now, body));
        what = "a delivery signed with the wrong secret";
      }
      default -> {
        headers = Map.of("Platform-Signature", Signatures.header(secret, now - REPLAY_AGE_S, body));
        what = "a correctly signed delivery from " + REPLAY_AGE_S / 60 + " minutes ago";
      }
    }
    String path = session.manifest.webhook().orElseThrow();
    SandboxHttp.Reply r;
    try {
      r = session.toPlugin("POST", path, body, headers);
    } catch (SandboxHttp.SandboxHttpException e) {
      return CheckResult.fail(check, "the plugin gave no answer to " + what + ": " + e.getMessage(), List.of());
    }
    List<String> evidence = List.of("POST " + path + " with " + what + " → " + r.status());
    if (r.status() >= 400 && r.status() < 500) {
      return CheckResult.pass(check, "refused " + what + " with " + r.status(), evidence);
    }
    String fix = check == Check.S03
        ? "refuse signatures whose t is more than 5 minutes from now"
        : "verify Platform-Signature (HMAC-SHA256 of \"<t>.<body>\" with PLATFORM_WEBHOOK_SECRET) before acting, and answer 4xx";
    return CheckResult.fail(check, (r.status() < 300 ? "accepted " : "answered " + r.status() + " to ") + what + "; " + fix, evidence);
  }

  /** S04. */
  CheckResult leastPrivilege() {
    Router router = new Router(session.engine.routes());
    List<String> refused = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (TrafficEntry e : session.pluginTraffic()) {
      if (e.status() == 403) {
        refused.add(Session.describe(e));
        continue;
      }
      String rawPath = e.path().split("\\?", 2)[0];
      if (router.match(HttpMethod.parse(e.method()), Paths.decodeSegments(rawPath)) instanceof Router.Found f
          && f.route().scope() != null && e.status() < 400) {
        used.add(f.route().scope().wire());
        if (f.route().scope() == Scope.RECORDS_READ && readsSensitive(rawPath)) {
          used.add(Scope.PII_READ.wire());
        }
      }
    }
    if (!refused.isEmpty()) {
      return CheckResult.fail(Check.S04, refused.size() + " call" + (refused.size() == 1 ? " was" : "s were")
          + " refused for a scope the manifest does not declare; declare it in scopes or stop making the call", refused);
    }
    if (session.plugin.registration().webhookId() != null && !session.deliveries().isEmpty()) {
      used.add(Scope.EVENTS_SUBSCRIBE.wire());
      if (session.seed.anySensitive() && session.manifest.scopes().contains(Scope.PII_READ.wire())) {
        used.add(Scope.PII_READ.wire()); // events carry the unmasked values only because of pii:read
      }
    }
    List<String> unused = session.manifest.scopes().stream().filter(s -> !used.contains(s)).toList();
    if (!unused.isEmpty()) {
      return CheckResult.warn(Check.S04, "declared but never used: " + String.join(", ", unused) + "; remove what the plugin does not need",
          List.of("used: " + String.join(", ", used)));
    }
    return CheckResult.pass(Check.S04, "every call was allowed and every declared scope was used", List.of("used: " + String.join(", ", used)));
  }

  /** S05. */
  CheckResult egressHosts() {
    List<JournalEntry> refused = session.pluginJournal().stream().filter(e -> e.verdict() == Verdict.UNDECLARED_HOST).toList();
    if (refused.isEmpty()) {
      long calls = session.pluginJournal().size();
      return CheckResult.pass(Check.S05, calls + " external call" + (calls == 1 ? "" : "s") + ", all to declared hosts", List.of());
    }
    Set<String> hosts = new LinkedHashSet<>();
    refused.forEach(e -> hosts.add(e.host()));
    return CheckResult.fail(Check.S05, "called undeclared host" + (hosts.size() == 1 ? " " : "s ") + String.join(", ", hosts)
        + "; declare each under egress (with its purpose) or remove the call", refused.stream().map(Session::describe).toList());
  }

  private boolean readsSensitive(String path) {
    for (String c : session.seed.collections()) {
      if (path.startsWith("/v1/collections/" + c + "/") && !session.seed.sensitiveFields(c).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private byte[] probeBody() {
    ObjectNode e = Json.object();
    byte[] id = new byte[10];
    new SecureRandom().nextBytes(id);
    e.put("id", "evt_" + HexFormat.of().formatHex(id));
    ObjectNode data = Json.object();
    String type = session.drivingCollection().map(c -> {
      data.put("collection", c);
      ObjectNode record = session.seed.freshRecord(c);
      record.put("id", "rec_probe");
      data.set("record", record);
      return "record.created";
    }).orElse(session.drivingEventType().orElse("record.created"));
    e.put("type", type);
    e.put("tenant", Session.TENANT);
    e.put("occurred_at", Instant.now().toString());
    e.putNull("subject");
    e.set("data", data);
    return Json.string(e).getBytes(StandardCharsets.UTF_8);
  }
}

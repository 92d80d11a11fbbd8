package io.platformsandbox.engine.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.http.FaultInjector;
import io.platformsandbox.engine.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The active fault rules, in the order they were added; the first matching rule applies. Rules
 * with a count are used up and removed. Thread-safe.
 */
public final class FaultRules implements FaultInjector {
  private static final Set<String> KEYS =
      Set.of("method", "path", "app", "status", "retry_after_s", "latency_ms", "drop", "probability", "count");

  private record Active(FaultRule rule, Pattern path, int[] remaining) {}

  private final List<Active> rules = new ArrayList<>();
  private final DoubleSupplier random;

  public FaultRules() {
    this(() -> ThreadLocalRandom.current().nextDouble());
  }

  FaultRules(DoubleSupplier random) {
    this.random = random;
  }

  /** Parses and adds a rule from its JSON body; 422 naming each bad field. */
  public FaultRule add(ObjectNode body) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        errors.put(key, "is not a known property; expected " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String method = text(body, "method", errors);
    if (method != null && !method.matches("[A-Z]+")) {
      errors.put("method", "must be an HTTP method in capitals, e.g. GET");
    }
    String path = text(body, "path", errors);
    if (path != null && !path.startsWith("/")) {
      errors.put("path", "must start with '/'; '*' matches within a segment, '**' across segments");
    }
    String app = text(body, "app", errors);
    Integer status = integer(body, "status", 100, 599, errors);
    Integer retryAfter = integer(body, "retry_after_s", 0, 86_400, errors);
    Integer latency = integer(body, "latency_ms", 0, 60_000, errors);
    boolean drop = body.path("drop").asBoolean(false);
    if (body.has("drop") && !body.get("drop").isBoolean() && !body.get("drop").isNull()) {
      errors.put("drop", "must be true or false");
    }
    double probability = 1.0;
    JsonNode p = body.get("probability");
    if (p != null && !p.isNull()) {
      if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
        errors.put("probability", "must be a number from 0 to 1");
      } else {
        probability = p.asDouble();
      }
    }
    Integer count = integer(body, "count", 1, 1_000_000, errors);
    if (status == null && !drop && (latency == null || latency == 0) && errors.isEmpty()) {
      errors.put("status", "a rule needs an effect: a status, latency_ms or drop");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The fault rule is not valid.", errors);
    }
    FaultRule rule =
        new FaultRule(
            "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
            method, path, app, status, retryAfter, latency == null ? 0 : latency, drop, probability, count);
    synchronized (this) {
      rules.add(new Active(rule, path == null ? null : glob(path), new int[] {count == null ? -1 : count}));
    }
    return rule;
  }

  @Override
  public Optional<Fault> match(String method, String path, Supplier<String> clientId) {
    synchronized (this) {
      if (rules.isEmpty()) {
        return Optional.empty();
      }
    }
    String caller = null;
    boolean callerKnown = false;
    synchronized (this) {
      for (Iterator<Active> it = rules.iterator(); it.hasNext(); ) {
        Active a = it.next();
        FaultRule r = a.rule();
        if (r.method() != null && !r.method().equals(method)) {
          continue;
        }
        if (a.path() != null && !a.path().matcher(path).matches()) {
          continue;
        }
        if (r.app() != null) {
          if (!callerKnown) {
            caller = clientId.get();
            callerKnown = true;
          }
          if (!r.app().equals(caller)) {
            continue;
          }
        }
        if (random.getAsDouble() >= r.probability()) {
          continue;
        }
        if (a.remaining()[0] > 0 && --a.remaining()[0] == 0) {
          it.remove();
        }
        return Optional.of(new Fault(r.id(), r.status(), r.retryAfterSeconds(), r.latencyMs(), r.drop()));
      }
    }
    return Optional.empty();
  }

  public synchronized List<ObjectNode> list() {
    return rules.stream().map(a -> json(a.rule(), a.remaining()[0])).toList();
  }

  public synchronized boolean remove(String id) {
    return rules.removeIf(a -> a.rule().id().equals(id));
  }

  public synchronized void clear() {
    rules.clear();
  }

  public static ObjectNode json(FaultRule r, int remaining) {
    ObjectNode n = Json.object();
    n.put("id", r.id());
    n.put("method", r.method());
    n.put("path", r.path());
    n.put("app", r.app());
    if (r.status() == null) n.putNull("status"); else n.put("status", r.status());
    if (r.retryAfterSeconds() == null) n.putNull("retry_after_s"); else n.put("retry_after_s", r.retryAfterSeconds());
    n.put("latency_ms", r.latencyMs());
    n.put("drop", r.drop());
    n.put("probability", r.probability());
    if (r.count() == null) n.putNull("count"); else n.put("count", r.count());
    if (remaining < 0) n.putNull("remaining"); else n.put("remaining", remaining);
    return n;
  }

  /** {@code *} within a segment, {@code **} across segments; everything else literal. */
  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^/]*");
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static String text(ObjectNode body, String key, Map<String, String> errors) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.put(key, "must be a string or null");
      return null;
    }
    return v.asText();
  }

  private static Integer integer(ObjectNode body, String key, int min, int max, Map<String, String> errors) {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      errors.put(key, "must be a whole number from " + min + " to " + max + " or null");
      return null;
    }
    return v.asInt();
  }
}

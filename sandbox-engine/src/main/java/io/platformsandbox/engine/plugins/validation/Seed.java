package io.platformsandbox.engine.plugins.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.json.Json;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's fixtures with every string {@code pii}/{@code phi} value replaced by a canary the
 * validator can recognise later in egress traffic and logs. Thread-safe.
 */
final class Seed {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectNode collectionsOnly;
  private final Map<String, List<ObjectNode>> records = new LinkedHashMap<>();
  private final Map<String, List<String>> sensitiveFields = new LinkedHashMap<>();
  private final Map<String, String> subjectFields = new LinkedHashMap<>();
  /** canary value → {@code collection.field}. */
  private final Map<String, String> canaries = new ConcurrentHashMap<>();
  private final AtomicInteger generated = new AtomicInteger();

  Seed(JsonNode fixtures) {
    collectionsOnly = Json.object();
    collectionsOnly.set("collections", fixtures.path("collections").deepCopy());
    for (JsonNode c : fixtures.path("collections")) {
      String name = c.path("name").asText();
      List<String> sensitive = new ArrayList<>();
      for (JsonNode f : c.path("fields")) {
        String cls = f.path("classification").asText("");
        if ((cls.equals("pii") || cls.equals("phi")) && f.path("type").asText("string").equals("string")) {
          sensitive.add(f.path("name").asText());
        }
      }
      sensitiveFields.put(name, sensitive);
      if (c.hasNonNull("subject_field")) {
        subjectFields.put(name, c.get("subject_field").asText());
      }
    }
    fixtures.path("records").fields().forEachRemaining(e -> {
      List<ObjectNode> list = new ArrayList<>();
      for (JsonNode r : e.getValue()) {
        list.add(withCanaries(e.getKey(), (ObjectNode) r.deepCopy()));
      }
      records.put(e.getKey(), list);
    });
  }

  static Seed empty() {
    return new Seed(Json.object());
  }

  /** The fixtures without records: loaded before the plugin starts. */
  ObjectNode collectionsOnly() {
    return collectionsOnly;
  }

  Map<String, List<ObjectNode>> records() {
    return records;
  }

  boolean hasCollection(String name) {
    return sensitiveFields.containsKey(name);
  }

  List<String> collections() {
    return List.copyOf(sensitiveFields.keySet());
  }

  List<String> sensitiveFields(String collection) {
    return sensitiveFields.getOrDefault(collection, List.of());
  }

  boolean anySensitive() {
    return sensitiveFields.values().stream().anyMatch(l -> !l.isEmpty());
  }

  String subjectField(String collection) {
    return subjectFields.get(collection);
  }

  Map<String, String> canaries() {
    return Map.copyOf(canaries);
  }

  /**
   * A new record for {@code collection}, made from its first fixture record (or empty), with fresh
   * canaries and a fresh subject.
   */
  ObjectNode freshRecord(String collection) {
    List<ObjectNode> seeds = records.getOrDefault(collection, List.of());
    ObjectNode r = seeds.isEmpty() ? Json.object() : seeds.get(0).deepCopy();
    int n = generated.incrementAndGet();
    String subject = subjectField(collection);
    if (subject != null) {
      r.put(subject, "s-validation-" + n);
    }
    return withCanaries(collection, r);
  }

  private ObjectNode withCanaries(String collection, ObjectNode record) {
    for (String field : sensitiveFields.getOrDefault(collection, List.of())) {
      if (record.has(field) || !record.isEmpty()) {
        String token = "cnry" + HexFormat.of().formatHex(bytes(6));
        String value = field.toLowerCase(Locale.ROOT).contains("mail") ? token + "@canary.example" : token;
        record.put(field, value);
        canaries.put(token, collection + "." + field);
      }
    }
    return record;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}

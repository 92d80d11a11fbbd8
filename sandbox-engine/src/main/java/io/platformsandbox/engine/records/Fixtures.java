package io.platformsandbox.engine.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a fixtures document (DESIGN §5: {@code collections} as for POST /v1/collections, and
 * {@code records} by collection) into a tenant. Everything is checked before anything is written;
 * collections that already exist are used as they are. Each record emits its {@code record.created}.
 */
public final class Fixtures {
  private final RecordStore store;

  /** What a load did. */
  public record Loaded(int collectionsCreated, int collectionsExisting, int recordsCreated, List<String> recordIds) {}

  public Fixtures(RecordStore store) {
    this.store = store;
  }

  public Loaded load(String tenant, JsonNode doc) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!doc.isObject()) {
      throw ApiException.invalid("A fixtures document is an object {collections, records}.", Map.of("body", "must be an object"));
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("collections") && !key.equals("records")) {
        errors.put(key, "is not a known property; expected collections, records");
      }
    }
    Map<String, CollectionDef> defs = new LinkedHashMap<>();
    List<ObjectNode> toCreate = new ArrayList<>();
    int existing = 0;
    JsonNode collections = doc.path("collections");
    if (!collections.isMissingNode() && !collections.isArray()) {
      errors.put("collections", "must be a list of collection definitions");
    } else {
      for (int i = 0; i < collections.size(); i++) {
        JsonNode c = collections.get(i);
        if (!c.isObject()) {
          errors.put("collections[" + i + "]", "must be an object");
          continue;
        }
        try {
          CollectionDef def = CollectionSchemas.parse(tenant, (ObjectNode) c, "pending", Instant.EPOCH);
          var current = store.collection(tenant, def.name());
          if (current.isPresent()) {
            defs.put(def.name(), current.get());
            existing++;
          } else {
            defs.put(def.name(), def);
            toCreate.add((ObjectNode) c);
          }
        } catch (ApiException e) {
          final int index = i;
          e.problem().errors().forEach((k, v) -> errors.put("collections[" + index + "]." + k, v));
        }
      }
    }
    JsonNode records = doc.path("records");
    if (!records.isMissingNode() && !records.isObject()) {
      errors.put("records", "must map collection names to lists of records");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = records.fields(); it.hasNext(); ) {
        var entry = it.next();
        CollectionDef def = defs.get(entry.getKey());
        if (def == null) {
          def = store.collection(tenant, entry.getKey()).orElse(null);
          if (def != null) {
            defs.put(def.name(), def);
          }
        }
        if (def == null) {
          errors.put("records." + entry.getKey(), "names no collection of the fixtures or the tenant");
          continue;
        }
        if (!entry.getValue().isArray()) {
          errors.put("records." + entry.getKey(), "must be a list of records");
          continue;
        }
        for (int i = 0; i < entry.getValue().size(); i++) {
          JsonNode r = entry.getValue().get(i);
          String at = "records." + entry.getKey() + "[" + i + "]";
          if (!r.isObject()) {
            errors.put(at, "must be an object");
            continue;
          }
          try {
            RecordValues.forCreate(def, (ObjectNode) r);
          } catch (ApiException e) {
            e.problem().errors().forEach((k, v) -> errors.put(at + "." + k, v));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The fixtures are not valid; nothing was loaded.", errors);
    }
    for (ObjectNode c : toCreate) {
      CollectionDef created = store.createCollection(tenant, c);
      defs.put(created.name(), created);
    }
    List<String> ids = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = records.fields(); it.hasNext(); ) {
      var entry = it.next();
      CollectionDef def = defs.get(entry.getKey());
      for (JsonNode r : entry.getValue()) {
        ids.add(store.create(def, (ObjectNode) r).id());
      }
    }
    return new Loaded(toCreate.size(), existing, ids.size(), ids);
  }
}

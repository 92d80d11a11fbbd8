package io.platformsandbox.engine.records;

import io.platformsandbox.engine.api.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.events.Event;
import io.platformsandbox.engine.events.EventDraft;
import io.platformsandbox.engine.events.EventLog;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.records.filter.CompiledFilter;
import io.platformsandbox.engine.records.filter.FieldResolver;
import io.platformsandbox.engine.records.filter.Filter;
import io.platformsandbox.engine.records.filter.FilterException;
import io.platformsandbox.engine.records.filter.FilterField;
import io.platformsandbox.engine.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collections and their records in H2: one table per collection, one typed column per field, an
 * H2 index per indexed field. All SQL of the records feature lives here, always parameterised;
 * identifiers come only from validated schemas. Thread-safe.
 */
public final class RecordStore {

  /** A record as stored: its metadata and field values as JSON. */
  public record StoredRecord(
      String id, long seq, long version, Instant createdAt, Instant updatedAt, ObjectNode fields) {}

  /** One page of a query. */
  public record Page(List<StoredRecord> records, JsonNode nextPosition) {}

  /** How to sort a query; a {@code null} field means insertion order. */
  public record Order(String field, boolean descending) {
    public static final Order INSERTION = new Order(null, false);

    public String spec() {
      return field == null ? "" : (descending ? "-" : "") + field;
    }
  }

  private final Database db;
  private final SandboxClock clock;
  private final EventLog events;
  private final Map<String, CollectionDef> collections = new ConcurrentHashMap<>();

  public RecordStore(Database db, SandboxClock clock, EventLog events) {
    this.db = db;
    this.clock = clock;
    this.events = events;
    reload();
  }

  public synchronized void reload() {
    collections.clear();
    db.read(
        c -> {
          try (ResultSet rs =
              c.createStatement().executeQuery("SELECT TENANT, NAME, TABLE_NAME, DEFINITION, CREATED_AT FROM COLLECTIONS")) {
            while (rs.next()) {
              CollectionDef def =
                  CollectionSchemas.fromStored(
                      rs.getString(1),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getObject(5, OffsetDateTime.class).toInstant());
              collections.put(key(def.tenant(), def.name()), def);
            }
          }
          return null;
        });
  }

  // ---- collections ----------------------------------------------------------------------

  public synchronized CollectionDef createCollection(String tenant, ObjectNode body) {
    Instant now = now();
    CollectionDef parsed = CollectionSchemas.parse(tenant, body, "pending", now);
    if (collections.containsKey(key(tenant, parsed.name()))) {
      throw ApiException.conflict("Collection '" + parsed.name() + "' already exists.");
    }
    long n = db.read(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT NEXT VALUE FOR COLLECTION_TABLE_SEQ")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    String table = "\"REC_" + n + "\"";
    CollectionDef def =
        new CollectionDef(tenant, parsed.name(), parsed.fields(), parsed.subjectField(), parsed.retentionDays(), table, now);
    StringBuilder ddl =
        new StringBuilder("CREATE TABLE ")
            .append(table)
            .append(" (ID CHARACTER VARYING(40) PRIMARY KEY, SEQ BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,")
            .append(" VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP(6) WITH TIME ZONE NOT NULL,")
            .append(" UPDATED_AT TIMESTAMP(6) WITH TIME ZONE NOT NULL");
    for (FieldDef f : def.fields()) {
      ddl.append(", ").append(f.column()).append(' ').append(f.type().sqlType());
    }
    ddl.append(')');
    ObjectNode stored = CollectionSchemas.toJson(def);
    stored.remove("created_at");
    try {
      db.transaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute(ddl.toString());
              for (FieldDef f : def.fields()) {
                if (f.indexed()) {
                  s.execute(
                      "CREATE INDEX \"REC_" + n + "_" + f.name() + "\" ON " + table + " (" + f.column() + ", SEQ)");
                }
              }
              if (def.retentionDays() != null) {
                s.execute("CREATE INDEX \"REC_" + n + "_created\" ON " + table + " (CREATED_AT)");
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO COLLECTIONS (TENANT, NAME, TABLE_NAME, DEFINITION, CREATED_AT) VALUES (?,?,?,?,?)")) {
              ps.setString(1, tenant);
              ps.setString(2, def.name());
              ps.setString(3, table);
              ps.setString(4, Json.string(stored));
              ps.setObject(5, utc(now));
              ps.executeUpdate();
            }
            return null;
          });
    } catch (RuntimeException e) {
      // DDL commits on its own in H2: undo a half-made table so that nothing is left behind.
      db.read(c -> c.createStatement().execute("DROP TABLE IF EXISTS " + table));
      throw e;
    }
    collections.put(key(tenant, def.name()), def);
    return def;
  }

  public Optional<CollectionDef> collection(String tenant, String name) {
    return Optional.ofNullable(collections.get(key(tenant, name)));
  }

  public CollectionDef requireCollection(String tenant, String name) {
    return collection(tenant, name)
        .orElseThrow(() -> ApiException.notFound("No collection '" + name + "' in this tenant."));
  }

  public List<CollectionDef> collections(String tenant) {
    return collections.values().stream()
        .filter(c -> c.tenant().equals(tenant))
        .sorted(Comparator.comparing(CollectionDef::name))
        .toList();
  }

  /** Drops every collection of a tenant, tables and all. */
  public synchronized void deleteTenant(String tenant) {
    for (CollectionDef def : collections(tenant)) {
      db.read(
          c -> {
            try (Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("DELETE FROM COLLECTIONS WHERE TENANT = ? AND NAME = ?")) {
              s.execute("DROP TABLE IF EXISTS " + def.table());
              ps.setString(1, tenant);
              ps.setString(2, def.name());
              ps.executeUpdate();
            }
            return null;
          });
      collections.remove(key(tenant, def.name()));
    }
  }

  // ---- records --------------------------------------------------------------------------

  public StoredRecord create(CollectionDef def, ObjectNode body) {
    Map<FieldDef, Object> values = RecordValues.forCreate(def, body);
    String id = "rec_" + Ids.hex(10);
    Instant now = now();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(def.table()).append(" (ID, VERSION, CREATED_AT, UPDATED_AT");
    StringBuilder marks = new StringBuilder("?, 1, ?, ?");
    for (FieldDef f : values.keySet()) {
      sql.append(", ").append(f.column());
      marks.append(", ?");
    }
    sql.append(") VALUES (").append(marks).append(')');
    return events
        .appendWith(
            def.tenant(),
            EventLog.PLATFORM,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setString(1, id);
                ps.setObject(2, utc(now));
                ps.setObject(3, utc(now));
                int i = 4;
                for (var e : values.entrySet()) {
                  bind(ps, i++, e.getKey(), e.getValue());
                }
                ps.executeUpdate();
              }
              StoredRecord created = select(c, def, id).orElseThrow();
              return new EventLog.Appending<>(created, List.of(event("record.created", def, created)));
            })
        .result();
  }

  /** The system event for a record change: data {collection, id, record}, PII marked for masking. */
  private static EventDraft event(String type, CollectionDef def, StoredRecord r) {
    ObjectNode data = Json.object();
    data.put("collection", def.name());
    data.put("id", r.id());
    data.set("record", toJson(def, r));
    String subject =
        def.subjectField() == null || !r.fields().path(def.subjectField()).isTextual()
            ? null
            : r.fields().get(def.subjectField()).asText();
    List<String> sensitive =
        new ArrayList<>(def.fields().stream().filter(f -> f.classification().isSensitive()).map(FieldDef::name).toList());
    if (def.subjectField() != null && sensitive.contains(def.subjectField())) {
      sensitive.add(Event.SUBJECT); // the subject is that field's value: mask it alike
    }
    return new EventDraft(type, subject, data, sensitive);
  }

  /** A record with every field unmasked: {id, version, created_at, updated_at, ...fields}. */
  public static ObjectNode toJson(CollectionDef def, StoredRecord r) {
    ObjectNode body = Json.object();
    body.put("id", r.id());
    body.put("version", r.version());
    body.put("created_at", r.createdAt().toString());
    body.put("updated_at", r.updatedAt().toString());
    for (FieldDef f : def.fields()) {
      body.set(f.name(), r.fields().get(f.name()));
    }
    return body;
  }

  public Optional<StoredRecord> get(CollectionDef def, String id) {
    return db.read(c -> select(c, def, id));
  }

  /**
   * Applies a partial update. {@code expectedVersion} (from {@code If-Match}) must match when given.
   */
  public StoredRecord patch(CollectionDef def, String id, ObjectNode body, Long expectedVersion) {
    Map<FieldDef, Object> values = RecordValues.forPatch(def, body);
    Instant now = now();
    StringBuilder sql = new StringBuilder("UPDATE ").append(def.table()).append(" SET VERSION = VERSION + 1, UPDATED_AT = ?");
    for (FieldDef f : values.keySet()) {
      sql.append(", ").append(f.column()).append(" = ?");
    }
    sql.append(" WHERE ID = ?");
    if (expectedVersion != null) {
      sql.append(" AND VERSION = ?");
    }
    return events
        .appendWith(
            def.tenant(),
            EventLog.PLATFORM,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setObject(1, utc(now));
                int i = 2;
                for (var e : values.entrySet()) {
                  bind(ps, i++, e.getKey(), e.getValue());
                }
                ps.setString(i++, id);
                if (expectedVersion != null) {
                  ps.setLong(i, expectedVersion);
                }
                if (ps.executeUpdate() == 0) {
                  throw missingOrStale(c, def, id, expectedVersion);
                }
              }
              StoredRecord updated = select(c, def, id).orElseThrow();
              return new EventLog.Appending<>(updated, List.of(event("record.updated", def, updated)));
            })
        .result();
  }

  public StoredRecord delete(CollectionDef def, String id, Long expectedVersion) {
    return events
        .appendWith(
            def.tenant(),
            EventLog.PLATFORM,
            c -> {
              StoredRecord gone = deleteIn(c, def, id, expectedVersion);
              return new EventLog.Appending<>(gone, List.of(event("record.deleted", def, gone)));
            })
        .result();
  }

  private StoredRecord deleteIn(Connection c, CollectionDef def, String id, Long expectedVersion) throws SQLException {
    StoredRecord existing = select(c, def, id).orElseThrow(() -> notFound(def, id));
    String sql = "DELETE FROM " + def.table() + " WHERE ID = ?" + (expectedVersion != null ? " AND VERSION = ?" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      if (expectedVersion != null) {
        ps.setLong(2, expectedVersion);
      }
      if (ps.executeUpdate() == 0) {
        throw missingOrStale(c, def, id, expectedVersion);
      }
    }
    return existing;
  }

  /** The fields a filter or sort may name: the schema's, except JSON, plus the record metadata. */
  public static FieldResolver resolver(CollectionDef def) {
    List<FilterField> fields = new ArrayList<>();
    fields.add(new FilterField("id", FieldType.STRING, "ID"));
    fields.add(new FilterField("version", FieldType.INTEGER, "VERSION"));
    fields.add(new FilterField("created_at", FieldType.DATETIME, "CREATED_AT"));
    fields.add(new FilterField("updated_at", FieldType.DATETIME, "UPDATED_AT"));
    for (FieldDef f : def.fields()) {
      fields.add(new FilterField(f.name(), f.type(), f.column()));
    }
    return FieldResolver.of(fields);
  }

  /**
   * One page of records matching {@code filter} (may be null), in {@code order}, after the cursor
   * position {@code after} (from an earlier page, or null).
   */
  public Page query(CollectionDef def, CompiledFilter filter, Order order, JsonNode after, int limit) {
    boolean desc = order.descending();
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(def.table()).append(" WHERE TRUE");
    if (filter != null) {
      sql.append(" AND (").append(filter.condition().sql()).append(')');
      params.addAll(filter.condition().parameters());
    }
    if (order.field() == null) {
      if (after != null) {
        JsonNode s = after.get("s");
        if (s == null || !s.canConvertToLong()) {
          throw badCursor();
        }
        sql.append(" AND SEQ > ?");
        params.add(s.asLong());
      }
      sql.append(" ORDER BY SEQ ASC LIMIT ?");
    } else {
      FilterField sortField = resolver(def).resolve(order.field()).orElseThrow();
      if (after != null) {
        appendKeyset(sql, params, sortField, desc, after);
      }
      sql.append(" ORDER BY ").append(sortField.column()).append(desc ? " DESC NULLS LAST" : " ASC NULLS FIRST");
      sql.append(", SEQ").append(desc ? " DESC" : " ASC").append(" LIMIT ?");
    }
    params.add(limit + 1);
    return db.read(
        c -> {
          List<StoredRecord> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs, def));
              }
            }
          }
          JsonNode next = null;
          if (out.size() > limit) {
            out = out.subList(0, limit);
            StoredRecord last = out.get(limit - 1);
            ObjectNode position = Json.object();
            position.put("o", order.spec());
            if (order.field() != null) {
              position.set("v", sortValue(last, order.field()));
            }
            position.put("s", last.seq());
            next = position;
          }
          return new Page(out, next);
        });
  }

  private static void appendKeyset(
      StringBuilder sql, List<Object> params, FilterField field, boolean desc, JsonNode after) {
    JsonNode v = after.get("v");
    JsonNode s = after.get("s");
    if (v == null || s == null || !s.canConvertToLong()) {
      throw badCursor();
    }
    String col = field.column();
    long seq = s.asLong();
    if (v.isNull()) {
      if (desc) {
        sql.append(" AND (").append(col).append(" IS NULL AND SEQ < ?)");
      } else {
        sql.append(" AND ((").append(col).append(" IS NULL AND SEQ > ?) OR ").append(col).append(" IS NOT NULL)");
      }
      params.add(seq);
      return;
    }
    Object value = cursorValue(field.type(), v);
    String cmp = desc ? "<" : ">";
    sql.append(" AND (")
        .append(col).append(' ').append(cmp).append(" ? OR (")
        .append(col).append(" = ? AND SEQ ").append(cmp).append(" ?)");
    if (desc) {
      sql.append(" OR ").append(col).append(" IS NULL");
    }
    sql.append(')');
    params.add(value);
    params.add(value);
    params.add(seq);
  }

  private static Object cursorValue(FieldType type, JsonNode v) {
    try {
      return switch (type) {
        case STRING -> requireText(v);
        case INTEGER -> v.canConvertToLong() ? v.asLong() : fail();
        case NUMBER -> v.isNumber() ? v.asDouble() : fail();
        case BOOLEAN -> v.isBoolean() ? v.asBoolean() : fail();
        case DATETIME -> OffsetDateTime.parse(requireText(v));
        case JSON -> fail();
      };
    } catch (DateTimeParseException e) {
      throw badCursor();
    }
  }

  private static String requireText(JsonNode v) {
    if (!v.isTextual()) {
      throw badCursor();
    }
    return v.asText();
  }

  private static Object fail() {
    throw badCursor();
  }

  private static ApiException badCursor() {
    return ApiException.badRequest("invalid-cursor", "Invalid cursor", "The cursor is not one this API returned.");
  }

  private static JsonNode sortValue(StoredRecord r, String field) {
    return switch (field) {
      case "id" -> JsonNodeFactory.instance.textNode(r.id());
      case "version" -> JsonNodeFactory.instance.numberNode(r.version());
      case "created_at" -> JsonNodeFactory.instance.textNode(r.createdAt().toString());
      case "updated_at" -> JsonNodeFactory.instance.textNode(r.updatedAt().toString());
      default -> r.fields().has(field) ? r.fields().get(field) : JsonNodeFactory.instance.nullNode();
    };
  }

  /** Compiles a filter over a collection; syntax errors become 400 naming the position. */
  public static CompiledFilter compileFilter(CollectionDef def, String text) {
    try {
      return Filter.compile(text, resolver(def));
    } catch (FilterException e) {
      String detail = e.getMessage().contains("position") ? e.getMessage() : e.getMessage() + " at position " + e.position();
      throw new ApiException(
          new Problem(400, "invalid-filter", "Invalid filter", detail, Map.of(), Map.of("position", e.position())));
    }
  }

  // ---- row mapping ----------------------------------------------------------------------

  private Optional<StoredRecord> select(Connection c, CollectionDef def, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + def.table() + " WHERE ID = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, def)) : Optional.empty();
      }
    }
  }

  private static StoredRecord read(ResultSet rs, CollectionDef def) throws SQLException {
    ObjectNode fields = Json.object();
    for (FieldDef f : def.fields()) {
      String col = "f_" + f.name();
      switch (f.type()) {
        case STRING -> put(fields, f.name(), rs.getString(col));
        case INTEGER -> {
          long v = rs.getLong(col);
          if (rs.wasNull()) fields.putNull(f.name()); else fields.put(f.name(), v);
        }
        case NUMBER -> {
          double v = rs.getDouble(col);
          if (rs.wasNull()) fields.putNull(f.name()); else fields.put(f.name(), v);
        }
        case BOOLEAN -> {
          boolean v = rs.getBoolean(col);
          if (rs.wasNull()) fields.putNull(f.name()); else fields.put(f.name(), v);
        }
        case DATETIME -> {
          OffsetDateTime v = rs.getObject(col, OffsetDateTime.class);
          put(fields, f.name(), v == null ? null : v.toInstant().toString());
        }
        case JSON -> {
          String v = rs.getString(col);
          if (v == null) fields.putNull(f.name()); else fields.set(f.name(), Json.parseTrusted(v));
        }
      }
    }
    return new StoredRecord(
        rs.getString("ID"),
        rs.getLong("SEQ"),
        rs.getLong("VERSION"),
        rs.getObject("CREATED_AT", OffsetDateTime.class).toInstant(),
        rs.getObject("UPDATED_AT", OffsetDateTime.class).toInstant(),
        fields);
  }

  private static void put(ObjectNode node, String name, String value) {
    if (value == null) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  private static void bind(PreparedStatement ps, int index, FieldDef f, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType(f.type()));
    } else {
      ps.setObject(index, value);
    }
  }

  private static int sqlType(FieldType type) {
    return switch (type) {
      case STRING, JSON -> Types.VARCHAR;
      case INTEGER -> Types.BIGINT;
      case NUMBER -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case DATETIME -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }

  private ApiException missingOrStale(Connection c, CollectionDef def, String id, Long expected) throws SQLException {
    Optional<StoredRecord> current = select(c, def, id);
    if (current.isEmpty()) {
      return notFound(def, id);
    }
    return ApiException.preconditionFailed(
        "Record " + id + " is at version " + current.get().version() + ", not " + expected + " as If-Match says; fetch it again.");
  }

  private static ApiException notFound(CollectionDef def, String id) {
    return ApiException.notFound("No record '" + id + "' in collection '" + def.name() + "'.");
  }

  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String key(String tenant, String name) {
    return tenant + "/" + name;
  }

}

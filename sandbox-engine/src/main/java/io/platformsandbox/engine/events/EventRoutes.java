package io.platformsandbox.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.api.ServerSentEvents;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Topics and events of Platform API v1: publish, long-poll consume, and server-sent events. */
public final class EventRoutes {
  public static final int MAX_BATCH = 500;
  public static final int MAX_WAIT_SECONDS = 30;
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
  private static final Set<String> EVENT_KEYS = Set.of("type", "subject", "data");

  private final EventLog log;
  private final BooleanSupplier running;

  public EventRoutes(EventLog log, BooleanSupplier running) {
    this.log = log;
    this.running = running;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/topics").scope(Scope.EVENTS_PUBLISH).action("topics.create").idempotent().handle(this::createTopic),
        Route.get("/v1/topics").scope(Scope.EVENTS_SUBSCRIBE).action("topics.list").handle(this::listTopics),
        Route.post("/v1/topics/{topic}/events").scope(Scope.EVENTS_PUBLISH).action("events.publish").idempotent().handle(this::publish),
        Route.get("/v1/topics/{topic}/events").scope(Scope.EVENTS_SUBSCRIBE).action("events.list").handle(this::consume),
        Route.get("/v1/topics/{topic}/stream").scope(Scope.EVENTS_SUBSCRIBE).action("events.stream").handle(this::stream));
  }

  private ApiResponse createTopic(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("name")) {
        throw ApiException.invalidField(key, "is not a known property; expected name");
      }
    }
    String name = body.path("name").isTextual() ? body.get("name").asText() : null;
    Instant created = log.createTopic(request.tenant(), name);
    return ApiResponse.created(topicJson(request.tenant(), name, created));
  }

  private ApiResponse listTopics(ApiRequest request) {
    List<ObjectNode> data = new ArrayList<>();
    for (var t : log.topics(request.tenant())) {
      data.add(topicJson(request.tenant(), t.getKey(), t.getValue()));
    }
    return ApiResponse.ok(Pages.page(data, null));
  }

  private ObjectNode topicJson(String tenant, String name, Instant created) {
    ObjectNode n = Json.object();
    n.put("name", name);
    if (created.equals(Instant.EPOCH)) {
      n.putNull("created_at");
    } else {
      n.put("created_at", created.toString());
    }
    n.put("latest_offset", log.latestOffset(tenant, name));
    return n;
  }

  private ApiResponse publish(ApiRequest request) {
    String topic = existingTopic(request);
    if (topic.equals(EventLog.PLATFORM)) {
      throw ApiException.forbidden(
          "platform-topic-read-only",
          "The platform topic carries the platform's own events; simulate one with POST /_sandbox/trigger.");
    }
    JsonNode body = request.jsonObject();
    List<JsonNode> items = new ArrayList<>();
    if (body.has("events")) {
      JsonNode events = body.get("events");
      if (!events.isArray() || events.isEmpty() || events.size() > MAX_BATCH || body.size() != 1) {
        throw ApiException.invalidField("events", "must be a list of 1 to " + MAX_BATCH + " events {type, subject, data}, alone in the body");
      }
      events.forEach(items::add);
    } else {
      items.add(body);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    List<EventDraft> drafts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = body.has("events") ? "events[" + i + "]." : "";
      drafts.add(draft(items.get(i), at, errors));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The events are not valid; none was published.", errors);
    }
    List<Event> appended = log.append(request.tenant(), topic, drafts);
    ObjectNode out = Json.object();
    var offsets = out.putArray("offsets");
    var events = out.putArray("events");
    for (Event e : appended) {
      offsets.add(e.offset());
      events.addObject().put("id", e.id()).put("offset", e.offset());
    }
    return ApiResponse.json(202, out);
  }

  private static EventDraft draft(JsonNode item, String at, Map<String, String> errors) {
    if (!item.isObject()) {
      errors.put(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be an object {type, subject, data}");
      return null;
    }
    for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!EVENT_KEYS.contains(key)) {
        errors.put(at + key, "is not a known property; expected data, subject, type");
      }
    }
    JsonNode type = item.get("type");
    if (type == null || !type.isTextual() || !TYPE.matcher(type.asText()).matches()) {
      errors.put(at + "type", "is required: 1-200 letters, digits, '.', '_', ':' or '-'");
    }
    JsonNode subject = item.get("subject");
    if (subject != null && !subject.isNull() && (!subject.isTextual() || subject.asText().length() > 500)) {
      errors.put(at + "subject", "must be a string of at most 500 characters");
    }
    JsonNode data = item.has("data") ? item.get("data") : Json.object();
    return EventDraft.of(
        type == null ? null : type.asText(),
        subject == null || subject.isNull() ? null : subject.asText(),
        data);
  }

  private ApiResponse consume(ApiRequest request) {
    String topic = existingTopic(request);
    long after = after(request, null);
    int limit = Pages.limit(request);
    int wait = request.queryInt("wait", 0, 0, MAX_WAIT_SECONDS);
    List<Event> events = log.read(request.tenant(), topic, after, limit);
    if (events.isEmpty() && wait > 0) {
      try {
        log.awaitAfter(request.tenant(), topic, after, wait * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      events = log.read(request.tenant(), topic, after, limit);
    }
    boolean pii = request.principal().has(Scope.PII_READ);
    ObjectNode out = Json.object();
    var data = out.putArray("data");
    boolean piiReturned = false;
    for (Event e : events) {
      data.add(e.consumed(pii));
      piiReturned |= pii && !e.sensitive().isEmpty();
    }
    long last = events.isEmpty() ? after : events.get(events.size() - 1).offset();
    out.put("last_offset", last);
    boolean more = events.size() == limit && last < log.latestOffset(request.tenant(), topic);
    if (more) {
      out.put("next_cursor", Long.toString(last));
    } else {
      out.putNull("next_cursor");
    }
    return ApiResponse.ok(out).withPiiReturned(piiReturned);
  }

  private ApiResponse stream(ApiRequest request) {
    String topic = existingTopic(request);
    String tenant = request.tenant();
    long from = after(request, request.header("Last-Event-ID").orElse(null));
    boolean pii = request.principal().has(Scope.PII_READ);
    return ApiResponse.eventStream(out -> pump(out, tenant, topic, from, pii));
  }

  private void pump(OutputStream out, String tenant, String topic, long from, boolean pii) throws IOException {
    long after = from;
    ServerSentEvents.heartbeat(out);
    while (running.getAsBoolean()) {
      List<Event> events = log.read(tenant, topic, after, 100);
      for (Event e : events) {
        ServerSentEvents.event(out, Long.toString(e.offset()), e.type(), Json.string(e.consumed(pii)));
        after = e.offset();
      }
      if (events.isEmpty()) {
        try {
          log.awaitAfter(tenant, topic, after, 15_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (log.latestOffset(tenant, topic) <= after) {
          ServerSentEvents.heartbeat(out);
        }
      }
    }
  }

  private String existingTopic(ApiRequest request) {
    String topic = request.pathParam("topic");
    if (!log.topicExists(request.tenant(), topic)) {
      throw ApiException.notFound("No topic '" + topic + "' in this tenant.");
    }
    return topic;
  }

  private static long after(ApiRequest request, String lastEventId) {
    String raw = lastEventId != null ? lastEventId : request.query("after").orElse(request.query("cursor").orElse("0"));
    try {
      long v = Long.parseLong(raw.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'after' (or Last-Event-ID) must be an event offset: a whole number of 0 or more.");
    }
  }
}

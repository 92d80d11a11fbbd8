package io.platformsandbox.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@code POST /_sandbox/trigger}: emit a platform event as if it had happened, like {@code stripe trigger}. */
public final class TriggerRoutes {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final Set<String> KEYS = Set.of("tenant", "type", "data", "subject");
  private final EventLog log;
  private final Predicate<String> tenantExists;

  public TriggerRoutes(EventLog log, Predicate<String> tenantExists) {
    this.log = log;
    this.tenantExists = tenantExists;
  }

  public List<Route> routes() {
    return List.of(Route.post("/_sandbox/trigger").control().action("control.trigger").handle(this::trigger));
  }

  private ApiResponse trigger(ApiRequest request) {
    ObjectNode body = request.jsonObject();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        errors.put(key, "is not a known property; expected data, subject, tenant, type");
      }
    }
    String tenant = body.path("tenant").asText(null);
    if (tenant == null || !tenantExists.test(tenant)) {
      errors.put("tenant", "must name an existing tenant");
    }
    String type = body.path("type").asText(null);
    if (type == null || !TYPE.matcher(type).matches()) {
      errors.put("type", "must be an event type such as record.created or subject.erasure_requested");
    }
    JsonNode data = body.has("data") ? body.get("data") : Json.object();
    if (!data.isObject()) {
      errors.put("data", "must be an object");
    }
    JsonNode subject = body.get("subject");
    if (subject != null && !subject.isNull() && !subject.isTextual()) {
      errors.put("subject", "must be a string");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid("The trigger is not valid.", errors);
    }
    String subjectId = subject == null || subject.isNull() ? data.path("subject").asText(null) : subject.asText();
    Event e = log.append(tenant, EventLog.PLATFORM, List.of(EventDraft.of(type, subjectId, data))).get(0);
    return ApiResponse.json(202, e.consumed(true));
  }
}

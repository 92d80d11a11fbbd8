package io.platformsandbox.mocks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.mocks.faults.FaultKind;
import io.platformsandbox.mocks.faults.FaultRule;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The sandbox's own HTTP endpoints on the mock server, under {@code /__sandbox}, next to
 * WireMock's {@code /__admin}: identities, stub sets, faults, journal, recordings, CA certificate.
 * One route table; JSON bodies in snake_case; errors as problem+json.
 */
final class SandboxEndpoints {

  private static final int MAX_BODY = 1 << 20;

  private final EgressRegistry egress;
  private final StubSetRegistry stubSets;
  private final FaultInjector faults;
  private final EgressJournal journal;
  private final Recorder recorder;
  private final Runnable reset;
  private final List<Route> routes = new ArrayList<>();

  /** What a route answers: a status and a JSON-able body, or raw text. */
  record Reply(int status, Object body, String contentType) {
    static Reply json(int status, Object body) {
      return new Reply(status, body, "application/json");
    }

    static Reply noContent() {
      return new Reply(204, null, null);
    }
  }

  @FunctionalInterface
  interface Action {
    Reply apply(Matcher path, Fields query, JsonNode body) throws Exception;
  }

  record Route(String method, Pattern path, Action action) {}

  SandboxEndpoints(
      EgressRegistry egress,
      StubSetRegistry stubSets,
      FaultInjector faults,
      EgressJournal journal,
      Recorder recorder,
      Runnable reset) {
    this.egress = egress;
    this.stubSets = stubSets;
    this.faults = faults;
    this.journal = journal;
    this.recorder = recorder;
    this.reset = reset;

    route("GET", "/__sandbox/info", (m, q, b) -> Reply.json(200, info()));
    route("POST", "/__sandbox/reset", (m, q, b) -> {
      reset.run();
      return Reply.noContent();
    });

    route("GET", "/__sandbox/identities", (m, q, b) -> Reply.json(200, data(identities())));
    route("POST", "/__sandbox/identities", (m, q, b) -> Reply.json(201, register(b)));
    route("DELETE", "/__sandbox/identities/([^/]+)", (m, q, b) -> {
      egress.unregister(m.group(1));
      return Reply.noContent();
    });

    route("GET", "/__sandbox/stub-sets", (m, q, b) -> Reply.json(200, data(stubSets.list())));
    route("POST", "/__sandbox/stub-sets", (m, q, b) -> Reply.json(201, stubSets.load(
        text(b, "name", true), Path.of(text(b, "folder", true)), text(b, "host", false))));
    route("POST", "/__sandbox/stub-sets/([^/]+)/enable",
        (m, q, b) -> Reply.json(200, stubSets.enable(m.group(1))));
    route("POST", "/__sandbox/stub-sets/([^/]+)/disable",
        (m, q, b) -> Reply.json(200, stubSets.disable(m.group(1))));
    route("DELETE", "/__sandbox/stub-sets/([^/]+)", (m, q, b) -> {
      stubSets.remove(m.group(1));
      return Reply.noContent();
    });

    route("GET", "/__sandbox/faults", (m, q, b) -> Reply.json(200, data(faults.list())));
    route("POST", "/__sandbox/faults", (m, q, b) -> Reply.json(201, faults.add(fault(b))));
    route("DELETE", "/__sandbox/faults", (m, q, b) -> {
      faults.clear();
      return Reply.noContent();
    });
    route("DELETE", "/__sandbox/faults/([^/]+)", (m, q, b) -> {
      if (!faults.remove(m.group(1))) {
        throw new NoSuchElementException("no fault rule " + m.group(1));
      }
      return Reply.noContent();
    });

    route("GET", "/__sandbox/journal", (m, q, b) -> Reply.json(200, data(journal.entries(query(q)))));
    route("DELETE", "/__sandbox/journal", (m, q, b) -> {
      journal.clear();
      return Reply.noContent();
    });
    route("GET", "/__sandbox/journal/([^/]+)", (m, q, b) -> {
      JournalEntry e = journal.get(m.group(1))
          .orElseThrow(() -> new NoSuchElementException("no journal entry " + m.group(1)));
      ObjectNode n = (ObjectNode) Json.tree(e);
      n.put("violation", e.violation());
      n.set("near_misses", Json.tree(journal.nearMisses(e.id())));
      return Reply.json(200, n);
    });

    route("GET", "/__sandbox/recordings", (m, q, b) -> Reply.json(200, data(recorder.active())));
    route("POST", "/__sandbox/recordings", (m, q, b) -> Reply.json(201,
        recorder.start(text(b, "host", true), text(b, "target_base_url", true))));
    route("POST", "/__sandbox/recordings/([^/]+)/stop", (m, q, b) -> {
      String saveTo = b == null ? null : text(b, "save_to", false);
      return Reply.json(200, recorder.stop(m.group(1), saveTo == null ? null : Path.of(saveTo)));
    });

    route("GET", "/__sandbox/ca.pem", (m, q, b) -> egress.httpsSupported()
        ? new Reply(200, egress.caCertificatePem(), "application/x-pem-file")
        : problem("egress-https-unavailable", "HTTPS egress unavailable", 501,
            "The sandbox's JVM was started without"
                + " --add-exports=java.base/sun.security.x509=ALL-UNNAMED, so it has no CA."));
  }

  private void route(String method, String path, Action action) {
    routes.add(new Route(method, Pattern.compile(path), action));
  }

  /** The route table, for documentation and tests. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    boolean pathKnown = false;
    for (Route r : routes) {
      Matcher m = r.path().matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!r.method().equals(request.getMethod())) {
        continue;
      }
      Reply reply;
      try {
        JsonNode body = readJson(request);
        reply = r.action().apply(m, Request.extractQueryParameters(request), body);
      } catch (IllegalArgumentException e) {
        reply = problem("invalid-request", "Invalid request", 400, e.getMessage());
      } catch (NoSuchElementException e) {
        reply = problem("not-found", "Not found", 404, e.getMessage());
      } catch (IllegalStateException e) {
        reply = problem("conflict", "Conflict", 409, e.getMessage());
      } catch (Exception e) {
        reply = problem("internal-error", "Internal error", 500, String.valueOf(e.getMessage()));
      }
      write(response, callback, reply);
      return true;
    }
    write(response, callback, pathKnown
        ? problem("method-not-allowed", "Method not allowed", 405,
            request.getMethod() + " is not supported on " + path)
        : problem("not-found", "Not found", 404,
            "No sandbox endpoint at " + path + "; see GET /__sandbox/info"));
    return true;
  }

  private ObjectNode info() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("proxy_url", egress.proxyUrl());
    n.put("https_supported", egress.httpsSupported());
    n.put("anonymous_egress", egress.anonymousAllowed());
    n.put("admin_url", egress.proxyUrl() + "/__admin");
    n.set("stub_sets", Json.tree(stubSets.list()));
    ArrayNode endpoints = n.putArray("endpoints");
    for (Route r : routes) {
      endpoints.add(r.method() + " " + r.path().pattern().replace("([^/]+)", "{id}"));
    }
    return n;
  }

  private List<ObjectNode> identities() {
    List<ObjectNode> out = new ArrayList<>();
    for (ProxyIdentity i : egress.identities()) {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("plugin_id", i.pluginId());
      n.set("declared_hosts", Json.tree(i.declaredHosts()));
      out.add(n);
    }
    return out;
  }

  private ObjectNode register(JsonNode b) {
    String id = text(b, "plugin_id", true);
    List<String> hosts = new ArrayList<>();
    JsonNode list = b.get("egress_hosts");
    if (list != null && !list.isArray()) {
      throw new IllegalArgumentException("egress_hosts must be an array of host names");
    }
    if (list != null) {
      list.forEach(h -> hosts.add(h.asText()));
    }
    ProxyIdentity i = egress.register(id, hosts);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("plugin_id", i.pluginId());
    n.put("username", i.pluginId());
    n.put("password", i.password());
    n.set("declared_hosts", Json.tree(i.declaredHosts()));
    n.put("proxy_url", i.proxyUrl());
    n.set("environment", Json.tree(i.environment()));
    return n;
  }

  private static FaultRule fault(JsonNode b) {
    if (b == null) {
      throw new IllegalArgumentException("a JSON body is required");
    }
    String kindText = text(b, "kind", true);
    FaultKind kind;
    try {
      kind = FaultKind.valueOf(kindText.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind must be one of latency, status, connection_reset, empty_response, malformed_body");
    }
    return new FaultRule(
        null,
        text(b, "host", false),
        text(b, "stub", false),
        kind,
        b.path("status").asInt(kind == FaultKind.STATUS ? 503 : 0),
        b.path("latency_ms").asInt(0),
        b.hasNonNull("probability") ? b.get("probability").asDouble() : 1.0,
        b.hasNonNull("count") ? b.get("count").asInt() : null);
  }

  private static JournalQuery query(Fields q) {
    JournalQuery query = JournalQuery.all();
    if (q.getValue("plugin") != null) {
      query = query.withPlugin(q.getValue("plugin"));
    }
    if (q.getValue("host") != null) {
      query = query.withHost(q.getValue("host"));
    }
    if (q.getValue("verdict") != null) {
      try {
        query = query.withVerdict(Verdict.valueOf(q.getValue("verdict").toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown verdict " + q.getValue("verdict"));
      }
    }
    if ("true".equals(q.getValue("violations"))) {
      query = query.violations();
    }
    if (q.getValue("contains") != null) {
      query = query.containing(q.getValue("contains"));
    }
    if (q.getValue("since") != null) {
      try {
        query = query.withSince(Instant.parse(q.getValue("since")));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("since must be an ISO-8601 instant");
      }
    }
    String limit = q.getValue("limit");
    try {
      query = query.withLimit(limit == null ? 100 : Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number");
    }
    return query;
  }

  private static ObjectNode data(List<?> items) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode arr = n.putArray("data");
    for (Object o : items) {
      JsonNode t = Json.tree(o);
      if (o instanceof JournalEntry e && t instanceof ObjectNode on) {
        on.put("violation", e.violation());
      }
      arr.add(t);
    }
    return n;
  }

  private static String text(JsonNode b, String field, boolean required) {
    JsonNode v = b == null ? null : b.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("'" + field + "' is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static JsonNode readJson(Request request) throws IOException {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IllegalArgumentException("body over " + MAX_BODY + " bytes");
      }
      if (bytes.length == 0) {
        return null;
      }
      JsonNode n = Json.read(new String(bytes, StandardCharsets.UTF_8));
      if (!n.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return n;
    }
  }

  private static Reply problem(String slug, String title, int status, String detail) {
    return new Reply(status, Problems.problem(slug, title, status, detail), Problems.CONTENT_TYPE);
  }

  private static void write(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    if (reply.body() == null) {
      callback.succeeded();
      return;
    }
    byte[] bytes =
        (reply.body() instanceof String s ? s : Json.write(reply.body()))
            .getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}

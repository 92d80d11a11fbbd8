package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.Access;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.HttpMethod;
import io.platformsandbox.engine.api.Ids;
import io.platformsandbox.engine.api.Principal;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of the Platform API: request id, routing, access, body limits, idempotency,
 * the handler, then the problem mapping, rate limit headers, audit and traffic. Handlers run on
 * Jetty's pool threads and may block.
 */
public final class Dispatcher extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final byte[] EMPTY = new byte[0];
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  /** Limits the dispatcher enforces before any handler runs. */
  public record Limits(long maxJsonBytes, long maxRawBytes, long maxArchiveBytes) {}

  private final Router router;
  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final IdempotencyStore idempotency;
  private final ExchangeListener listener;
  private final Limits limits;
  private final FaultInjector faults;
  private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();

  public Dispatcher(
      Router router,
      Authenticator authenticator,
      RateLimiter rateLimiter,
      IdempotencyStore idempotency,
      ExchangeListener listener,
      Limits limits,
      FaultInjector faults) {
    this.router = router;
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.idempotency = idempotency;
    this.listener = listener;
    this.limits = limits;
    this.faults = faults;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    String requestId = requestId(request.getHeaders().get("X-Request-Id"));
    String rawPath = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery();
    String target = query == null ? rawPath : rawPath + "?" + query;
    Route route = null;
    Principal principal = null;
    byte[] body = EMPTY;
    RateLimiter.Decision rate = null;
    String faultId = null;
    ApiResponse answer;
    try {
      if (!rawPath.startsWith("/_sandbox")) {
        var fault = faults.match(request.getMethod(), rawPath, () -> {
          Principal caller = callerOrNull(request);
          return caller == null ? null : caller.clientId();
        });
        if (fault.isPresent()) {
          faultId = fault.get().id();
          principal = callerOrNull(request); // so that traffic attributes the faulted call to its app
          if (applyFault(fault.get(), request, callback)) {
            report(new Exchange(requestId, startedAt, request.getMethod(), target, rawPath, null, principal,
                null, null, EMPTY, new ApiResponse(0, null, EMPTY, Map.of(), false),
                (System.nanoTime() - started) / 1000, faultId));
            return true;
          }
        }
      }
      HttpMethod method = HttpMethod.parse(request.getMethod());
      List<String> segments = Paths.decodeSegments(rawPath);
      Router.Match match = method == null ? null : router.match(method, segments);
      if (match == null || match instanceof Router.WrongMethod || match instanceof Router.NotFound) {
        Set<HttpMethod> allowed = router.allowed(segments);
        if (allowed.isEmpty()) {
          throw ApiException.notFound("No route for " + request.getMethod() + " " + rawPath + ".");
        }
        String allow = allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        throw new ApiException(
            new Problem(
                405,
                "method-not-allowed",
                "Method not allowed",
                request.getMethod() + " is not allowed on " + rawPath + "; allowed: " + allow + "."),
            Map.of("Allow", allow));
      }
      Router.Found found = (Router.Found) match;
      route = found.route();
      if (route.access() == Access.CONTROL) {
        checkControlCaller(request);
      }
      if (route.access() == Access.APP) {
        principal = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        rate = rateLimiter.acquire(principal);
        if (!rate.allowed()) {
          throw new ApiException(
              new Problem(
                  429,
                  "rate-limited",
                  "Too many requests",
                  "App "
                      + principal.clientId()
                      + " is over its rate limit; retry after "
                      + rate.retryAfterSeconds()
                      + " s."),
              Map.of("Retry-After", Long.toString(rate.retryAfterSeconds())));
        }
        if (route.scope() != null && !principal.has(route.scope())) {
          throw new ApiException(
              new Problem(
                  403,
                  "insufficient-scope",
                  "Insufficient scope",
                  "This call needs the scope '" + route.scope().wire() + "', which the token lacks.",
                  Map.of(),
                  Map.of("required_scope", route.scope().wire())));
        }
      }
      body = readBody(request, route.body());
      ApiRequest apiRequest =
          new ApiRequest(
              method,
              rawPath,
              found.params(),
              Paths.parseQuery(query),
              request.getHeaders()::get,
              body,
              principal,
              requestId);
      answer = invoke(route, apiRequest);
    } catch (ApiException e) {
      answer = problem(e, requestId);
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", requestId, target, e);
      answer =
          problem(
              new ApiException(
                  new Problem(
                      500,
                      "internal-error",
                      "Internal error",
                      "The sandbox failed to handle this request; see its log for request " + requestId + ".")),
              requestId);
    }
    answer = answer.withHeader("X-Request-Id", requestId);
    if (rate != null && rate.limit() > 0) {
      answer =
          answer
              .withHeader("RateLimit-Limit", Long.toString(rate.limit()))
              .withHeader("RateLimit-Remaining", Long.toString(rate.remaining()))
              .withHeader("RateLimit-Reset", Long.toString(rate.resetSeconds()));
    }
    if (!bodyConsumed(request, body)) {
      // Answered before the body was read (401, 403, 404, ...): read it off the connection so that
      // the client can send its next request on it instead of meeting a closed socket.
      try (InputStream in = Content.Source.asInputStream(request)) {
        drain(in, request.getLength() < 0 ? DRAIN_LIMIT : request.getLength());
      } catch (IOException | RuntimeException e) {
        // the client went away: nothing to keep alive
      }
    }
    if (answer.streamer() != null) {
      report(new Exchange(requestId, startedAt, request.getMethod(), target, rawPath, route, principal,
          request.getHeaders().get("Platform-Purpose"), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
          body, answer, (System.nanoTime() - started) / 1000, faultId));
      stream(response, callback, answer);
      return true;
    }
    write(request, response, callback, answer);
    long latencyMicros = (System.nanoTime() - started) / 1000;
    report(
        new Exchange(
              requestId,
              startedAt,
              request.getMethod(),
              target,
              rawPath,
              route,
              principal,
              request.getHeaders().get("Platform-Purpose"),
              request.getHeaders().get(HttpHeader.CONTENT_TYPE),
              body,
              answer,
              latencyMicros,
              faultId));
    return true;
  }

  /** Applies a fault; returns true when the connection was dropped and nothing more is to be done. */
  private static boolean applyFault(FaultInjector.Fault fault, Request request, Callback callback) {
    if (fault.latencyMs() > 0) {
      try {
        Thread.sleep(fault.latencyMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fault.drop()) {
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      callback.failed(new IOException("connection dropped by fault " + fault.id()));
      return true;
    }
    if (fault.status() != null) {
      Map<String, String> headers =
          fault.retryAfterSeconds() == null ? Map.of() : Map.of("Retry-After", fault.retryAfterSeconds().toString());
      throw new ApiException(
          new Problem(
              fault.status(),
              "injected-fault",
              "Injected fault",
              "This answer was injected by the sandbox's fault rule " + fault.id() + " (see /_sandbox/faults).",
              Map.of(),
              Map.of("fault_id", fault.id())),
          headers);
    }
    return false;
  }

  private Principal callerOrNull(Request request) {
    try {
      return authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void report(Exchange exchange) {
    try {
      listener.onExchange(exchange);
    } catch (RuntimeException e) {
      LOG.warn("exchange listener failed for {}", exchange.requestId(), e);
    }
  }

  private static void stream(Response response, Callback callback, ApiResponse answer) {
    response.setStatus(answer.status());
    answer.headers().forEach(response.getHeaders()::put);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      answer.streamer().stream(out);
    } catch (IOException | RuntimeException e) {
      // The client went away or the engine is stopping: the stream simply ends.
    }
    callback.succeeded();
  }

  private ApiResponse invoke(Route route, ApiRequest request) {
    String key = request.header("Idempotency-Key").orElse(null);
    if (!route.idempotent() || key == null || request.principal() == null) {
      return call(route, request);
    }
    if (key.isBlank() || key.length() > 255) {
      throw ApiException.badRequest("Idempotency-Key must be 1 to 255 characters.");
    }
    Principal who = request.principal();
    String fingerprint = fingerprint(route, request);
    String lockKey = who.tenant() + "\u0000" + who.clientId() + "\u0000" + key;
    if (!inFlightKeys.add(lockKey)) {
      throw new ApiException(
          new Problem(
              409,
              "idempotency-key-in-use",
              "Idempotency key in use",
              "A request with this Idempotency-Key is still being processed; retry shortly."));
    }
    try {
      var previous = idempotency.find(who.tenant(), who.clientId(), key);
      if (previous.isPresent()) {
        if (!previous.get().fingerprint().equals(fingerprint)) {
          throw new ApiException(
              new Problem(
                  422,
                  "idempotency-key-reused",
                  "Idempotency key reused",
                  "This Idempotency-Key was first used with a different request; use a new key."));
        }
        return previous.get().response().withHeader("Idempotent-Replayed", "true");
      }
      ApiResponse answer;
      try {
        answer = call(route, request);
      } catch (ApiException e) {
        answer = problem(e, request.requestId());
      }
      if (answer.status() < 500) {
        idempotency.remember(
            who.tenant(), who.clientId(), key, new IdempotencyStore.Entry(fingerprint, answer));
      }
      return answer;
    } finally {
      inFlightKeys.remove(lockKey);
    }
  }

  private static ApiResponse call(Route route, ApiRequest request) {
    try {
      return route.handler().handle(request);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] readBody(Request request, Body kind) {
    if (kind == Body.NONE) {
      return EMPTY;
    }
    long limit =
        switch (kind) {
          case RAW -> limits.maxRawBytes();
          case ARCHIVE -> limits.maxArchiveBytes();
          default -> limits.maxJsonBytes();
        };
    long declared = request.getLength();
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > limit) {
        drain(in, declared);
        throw tooLarge(declared, limit);
      }
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        drain(in, Long.MAX_VALUE);
        throw tooLarge(-1, limit);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("The request body could not be read: " + e.getMessage());
    }
    if (bytes.length > 0 || contentType != null) {
      checkContentType(kind, contentType);
    }
    return bytes;
  }

  /** Whether there is no request body left unread: none was sent, or the route read it. */
  private static boolean bodyConsumed(Request request, byte[] read) {
    if (read.length > 0) {
      return true;
    }
    long length = request.getLength();
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    return length <= 0 && !chunked;
  }

  /**
   * Reads and drops a refused body of reasonable size, so that the client, still sending it, reads
   * our 413 instead of a reset connection. Beyond {@link #DRAIN_LIMIT} Jetty closes the connection.
   */
  private static void drain(InputStream in, long declared) throws IOException {
    if (declared > DRAIN_LIMIT) {
      return;
    }
    byte[] sink = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total <= DRAIN_LIMIT && (n = in.read(sink)) > 0) {
      total += n;
    }
  }

  private static void checkContentType(Body kind, String contentType) {
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    boolean ok =
        switch (kind) {
          case JSON -> mediaType.equals("application/json") || mediaType.endsWith("+json");
          case FORM -> mediaType.equals("application/x-www-form-urlencoded");
          case RAW, ARCHIVE, NONE -> true;
        };
    if (!ok) {
      String expected = kind == Body.JSON ? "application/json" : "application/x-www-form-urlencoded";
      throw new ApiException(
          new Problem(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "Expected Content-Type "
                  + expected
                  + ", got "
                  + (contentType == null ? "none" : "'" + contentType + "'")
                  + "."));
    }
  }

  private static ApiException tooLarge(long declared, long limit) {
    return ApiException.tooLarge(
        "The request body "
            + (declared >= 0 ? "of " + declared + " bytes " : "")
            + "is over the limit of "
            + limit
            + " bytes.");
  }

  static ApiResponse problem(ApiException e, String requestId) {
    ApiResponse response =
        new ApiResponse(
            e.problem().status(),
            e.headers().getOrDefault("Content-Type", Problem.MEDIA_TYPE),
            Json.bytes(e.problem().toJson(requestId)),
            Map.of(),
            false);
    for (var header : e.headers().entrySet()) {
      if (!header.getKey().equals("Content-Type")) {
        response = response.withHeader(header.getKey(), header.getValue());
      }
    }
    return response;
  }

  private static void write(Request request, Response response, Callback callback, ApiResponse answer) {
    response.setStatus(answer.status());
    var headers = response.getHeaders();
    answer.headers().forEach(headers::put);
    byte[] body = answer.body();
    if (answer.contentType() != null) {
      headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
    }
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    // For HEAD, Jetty sends the headers and drops the content itself; writing fewer bytes than
    // Content-Length would make it abort the connection under a client that reuses it.
    if (body.length == 0) {
      response.write(true, null, callback);
    } else {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  /**
   * The control API is for local tools: loopback callers only, addressed by a loopback name (so a
   * DNS-rebound page cannot reach it), and never from a web page of another origin (no CSRF).
   */
  private static void checkControlCaller(Request request) {
    if (!isLoopback(request)) {
      throw ApiException.forbidden("control-api-loopback-only", "The control API answers loopback callers only.");
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host != null && !isLoopbackName(stripPort(host))) {
      throw ApiException.forbidden(
          "control-api-loopback-only", "The control API must be addressed as 127.0.0.1, localhost or [::1], not '" + host + "'.");
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !origin.equals("null")) {
      String originHost = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
      if (!isLoopbackName(stripPort(originHost))) {
        throw ApiException.forbidden(
            "control-api-cross-origin", "The control API refuses requests from web pages of other origins (" + origin + ").");
      }
    } else if ("null".equals(origin)) {
      throw ApiException.forbidden("control-api-cross-origin", "The control API refuses requests from opaque origins.");
    }
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(1, end) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
  }

  private static boolean isLoopbackName(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.startsWith("127.");
  }

  private static boolean isLoopback(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && inet.getAddress().isLoopbackAddress();
  }

  private static String requestId(String sent) {
    if (sent != null && !sent.isEmpty() && sent.length() <= 128 && sent.chars().allMatch(c -> c > 32 && c < 127)) {
      return sent;
    }
    return "req_" + Ids.hex(12);
  }

  private static String fingerprint(Route route, ApiRequest request) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((route.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(request.body());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

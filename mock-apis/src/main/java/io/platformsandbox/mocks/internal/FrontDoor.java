package io.platformsandbox.mocks.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.mocks.journal.Journal;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.HostNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of the mock server. It tells apart requests sent to the mock server itself
 * (the {@code /__sandbox} endpoints, WireMock's {@code /__admin}, stubs called directly) from
 * egress through the proxy (absolute-form requests, {@code CONNECT}, requests inside a tunnel),
 * applies the egress policy to the latter, refuses with problem+json and a journal entry, and
 * hands what it lets through to WireMock with the caller's identity attached.
 */
final class FrontDoor extends Handler.Wrapper {

  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  private static final String HTTPS_PROXY_ATTRIBUTE = "wiremock.isHttpsProxyRequest";

  private final EgressRegistry egress;
  private final EgressJournal journal;
  private final SandboxEndpoints endpoints;
  private final TunnelHandler tunnels;
  private final MitmConnector mitm;
  private final Set<String> localNames;

  FrontDoor(
      Handler wireMock,
      EgressRegistry egress,
      EgressJournal journal,
      SandboxEndpoints endpoints,
      TunnelHandler tunnels,
      MitmConnector mitm,
      String bindHost) {
    super(wireMock);
    this.egress = egress;
    this.journal = journal;
    this.endpoints = endpoints;
    this.tunnels = tunnels;
    this.mitm = mitm;
    Set<String> names =
        new java.util.HashSet<>(Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1"));
    names.add(HostNames.normalize(bindHost));
    this.localNames = Set.copyOf(names);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int localPort = Request.getLocalPort(request);
    if (localPort > 0 && localPort == mitm.port()) {
      return tunneled(request, response, callback);
    }
    if (HttpMethod.CONNECT.is(request.getMethod())) {
      return connect(request, response, callback);
    }
    String host = Request.getServerName(request);
    int port = request.getHttpURI().getPort();
    if (localNames.contains(HostNames.normalize(host)) && (port <= 0 || port == localPort)) {
      String path = request.getHttpURI().getPath();
      if (path != null && (path.equals("/__sandbox") || path.startsWith("/__sandbox/"))) {
        return endpoints.handle(request, response, callback);
      }
      return serve(request, response, callback, new Exchange(null, false, "http", host, localPort));
    }
    return proxied(request, response, callback, "http", host, port, null);
  }

  private boolean tunneled(Request request, Response response, Callback callback)
      throws Exception {
    request.setAttribute(HTTPS_PROXY_ATTRIBUTE, Boolean.TRUE);
    TunnelHandler.Tunnel tunnel = tunnels.tunnelFrom(Request.getRemotePort(request));
    String host = Request.getServerName(request);
    int port = request.getHttpURI().getPort();
    if (tunnel == null) {
      return refuse(
          request, response, callback, Verdict.UNIDENTIFIED, null, "https", host, port, true);
    }
    return proxied(request, response, callback, "https", host, port, tunnel.pluginId());
  }

  private boolean connect(Request request, Response response, Callback callback)
      throws Exception {
    String host = request.getHttpURI().getHost();
    int port = request.getHttpURI().getPort();
    EgressRegistry.Decision d =
        egress.decide(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION), null, host);
    if (!d.allowed()) {
      return refuse(request, response, callback, d.refusal(), d.pluginId(), "https", host, port,
          false);
    }
    if (!CaStore.supported()) {
      return refuse(request, response, callback, Verdict.HTTPS_UNAVAILABLE, d.pluginId(), "https",
          host, port, false);
    }
    request.setAttribute(TunnelHandler.TUNNEL_ATTRIBUTE, new TunnelHandler.Tunnel(d.pluginId(),
        host));
    return super.handle(request, response, callback);
  }

  private boolean proxied(
      Request request,
      Response response,
      Callback callback,
      String scheme,
      String host,
      int port,
      String tunnelPluginId)
      throws Exception {
    EgressRegistry.Decision d =
        egress.decide(
            request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION), tunnelPluginId, host);
    if (!d.allowed()) {
      return refuse(request, response, callback, d.refusal(), d.pluginId(), scheme, host, port,
          true);
    }
    String path = request.getHttpURI().getPath();
    if (path != null && (path.startsWith("/__admin") || path.startsWith("/__sandbox"))) {
      // WireMock routes /__admin by path alone; never let egress reach the admin API
      Problems.write(
          response,
          callback,
          Problems.problem(
              "admin-not-through-proxy",
              "Not found",
              404,
              "The mock server's admin paths are not reachable through the egress proxy; call "
                  + egress.proxyUrl()
                  + path
                  + " directly."));
      return true;
    }
    return serve(
        withoutProxyAuthorization(request),
        response,
        callback,
        new Exchange(d.pluginId(), true, scheme, HostNames.normalize(host), port));
  }

  private boolean serve(Request request, Response response, Callback callback, Exchange exchange)
      throws Exception {
    Exchange.set(exchange);
    try {
      return super.handle(request, response, callback);
    } finally {
      Exchange.clear();
    }
  }

  private boolean refuse(
      Request request,
      Response response,
      Callback callback,
      Verdict verdict,
      String pluginId,
      String scheme,
      String host,
      int port,
      boolean readBody) {
    long start = System.nanoTime();
    Instant time = Instant.now();
    String h = HostNames.normalize(host);
    String body = readBody ? readBody(request) : null;
    ObjectNode problem = problemFor(verdict, h, pluginId);
    String url =
        HttpMethod.CONNECT.is(request.getMethod())
            ? request.getHttpURI().getAuthority()
            : request.getHttpURI().getPathQuery();
    boolean challenge =
        verdict == Verdict.UNIDENTIFIED
            && !request.getHeaders().contains(HttpHeader.PROXY_AUTHORIZATION);
    if (challenge) {
      // The usual first round of proxy authentication (OkHttp, the JDK client and others send
      // credentials only when challenged); journaling it would put a false violation before
      // every request such a client makes.
      LOG.debug("407 challenge for {} {}{}", request.getMethod(), h, url);
    } else {
      journal.add(
        JournalRecorder.refusal(
            pluginId,
            true,
            request.getMethod(),
            scheme,
            h,
            port,
            url,
            headers(request.getHeaders()),
            body,
            verdict,
            problem.path("status").asInt(),
            Json.write(problem),
            start,
            time),
        null);
    }
    Map<String, String> extra =
        verdict == Verdict.UNIDENTIFIED
            ? Map.of("Proxy-Authenticate", "Basic realm=\"platform-sandbox\"")
            : Map.of();
    Problems.write(response, callback, problem, extra);
    return true;
  }

  private ObjectNode problemFor(Verdict verdict, String host, String pluginId) {
    ObjectNode p =
        switch (verdict) {
          case UNIDENTIFIED ->
              Problems.problem(
                  "egress-unidentified",
                  "Proxy authentication required",
                  407,
                  "Egress to "
                      + host
                      + " through the sandbox proxy needs a plugin identity. Use the HTTP_PROXY"
                      + " the sandbox gives the plugin (it carries the credentials:"
                      + " http://<plugin-id>:<token>@"
                      + egress.proxyUrl().substring("http://".length())
                      + "), get one with POST /__sandbox/identities"
                      + " {\"plugin_id\": \"...\", \"egress_hosts\": [\""
                      + host
                      + "\"]}, or turn on anonymous egress.");
          case UNDECLARED_HOST ->
              Problems.problem(
                  "egress-undeclared-host",
                  "Egress to an undeclared host",
                  403,
                  "Plugin '"
                      + pluginId
                      + "' called "
                      + host
                      + ", which its plugin.yaml does not declare. Add"
                      + " \"- {host: "
                      + host
                      + ", purpose: ...}\" under egress: in plugin.yaml, or stop calling it."
                      + " This request was recorded as an egress violation.");
          case NO_STUB_SET ->
              Problems.problem(
                  "egress-no-stubs",
                  "No stubs for this host",
                  502,
                  "The sandbox is offline and no stub set answers for "
                      + host
                      + ". Add WireMock stub mappings for it to the plugin's mocks/ folder"
                      + " (for example mocks/"
                      + host
                      + "/hello.json in WireMock's JSON format), POST one with \"request\":"
                      + " {\"host\": {\"equalTo\": \""
                      + host
                      + "\"}, ...} to /__admin/mappings, enable a stub set with"
                      + " POST /__sandbox/stub-sets/{name}/enable, or record the real service"
                      + " with POST /__sandbox/recordings. This request was recorded as an"
                      + " egress violation.");
          case HTTPS_UNAVAILABLE ->
              Problems.problem(
                  "egress-https-unavailable",
                  "HTTPS egress unavailable",
                  501,
                  "This sandbox cannot terminate HTTPS for "
                      + host
                      + ": its JVM was started without"
                      + " --add-exports=java.base/sun.security.x509=ALL-UNNAMED, which WireMock"
                      + " needs to issue certificates. Call http://"
                      + host
                      + " instead (the stubs answer both), or restart the sandbox with the flag.");
          default -> throw new IllegalArgumentException("not a refusal: " + verdict);
        };
    p.put("host", host);
    if (pluginId != null) {
      p.put("plugin", pluginId);
    }
    p.put("verdict", verdict.name());
    return p;
  }

  private static String readBody(Request request) {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes(Journal.MAX_BODY_CHARS + 1);
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<String, List<String>> headers(HttpFields fields) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (HttpField f : fields) {
      if (f.getHeader() == HttpHeader.PROXY_AUTHORIZATION) {
        continue;
      }
      out.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  private static Request withoutProxyAuthorization(Request request) {
    HttpFields headers = request.getHeaders();
    if (!headers.contains(HttpHeader.PROXY_AUTHORIZATION)) {
      return request;
    }
    HttpFields filtered =
        HttpFields.build(headers).remove(HttpHeader.PROXY_AUTHORIZATION).asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return filtered;
      }
    };
  }
}

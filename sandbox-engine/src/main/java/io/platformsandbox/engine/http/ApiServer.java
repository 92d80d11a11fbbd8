package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server in front of the {@link Dispatcher}. Errors Jetty raises itself (a malformed
 * request line, an ambiguous URI, headers too large) are answered as problem+json too.
 */
public final class ApiServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  public ApiServer(String host, int port, Dispatcher dispatcher) {
    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("platform-api");
    pool.setDaemon(true);
    server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(dispatcher);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(2_000);
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Answers Jetty's own errors with a problem body instead of an HTML page. */
  private static final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Object statusAttr = request.getAttribute(ERROR_STATUS);
      int status = statusAttr instanceof Integer i ? i : response.getStatus();
      if (status < 400) {
        status = 500;
      }
      Object messageAttr = request.getAttribute(ERROR_MESSAGE);
      String detail =
          messageAttr == null ? "The request could not be processed." : "The request was refused: " + messageAttr + ".";
      String slug =
          switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            default -> "http-error";
          };
      Problem problem = new Problem(status, slug, status >= 500 ? "Internal error" : "Bad request", detail);
      String requestId = "req_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 24);
      byte[] body = Json.bytes(new ApiException(problem).problem().toJson(requestId));
      response.setStatus(status);
      response.getHeaders().put("X-Request-Id", requestId);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }
}

package io.platformsandbox.app.http;

import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link OkHttpClient} of the workbench. Every other client is a {@code newBuilder()}
 * variant of it, so they share its connection pool and dispatcher; cross-cutting concerns are
 * interceptors.
 */
public final class HttpClients {
  private static final Logger LOG = LoggerFactory.getLogger("io.platformsandbox.app.http");
  public static final String USER_AGENT = "platform-sandbox-workbench";

  private HttpClients() {}

  public static OkHttpClient create() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(90))
        .addInterceptor(
            chain -> {
              Request request = chain.request();
              if (request.header("User-Agent") == null) {
                request = request.newBuilder().header("User-Agent", USER_AGENT).build();
              }
              return chain.proceed(request);
            })
        .addInterceptor(
            chain -> {
              long start = System.nanoTime();
              Request request = chain.request();
              Response response = chain.proceed(request);
              if (LOG.isDebugEnabled()) {
                LOG.debug(
                    "{} {} -> {} in {} ms",
                    request.method(),
                    request.url().encodedPath(),
                    response.code(),
                    (System.nanoTime() - start) / 1_000_000);
              }
              return response;
            })
        .build();
  }
}

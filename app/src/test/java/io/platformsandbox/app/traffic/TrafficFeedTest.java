package io.platformsandbox.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platformsandbox.app.core.CurrentThreadExecutor;
import io.platformsandbox.app.http.ControlClient;
import io.platformsandbox.app.http.HttpClients;
import io.platformsandbox.app.model.TrafficItem;
import io.platformsandbox.app.testsupport.UiThread;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed against a stand-in stream that ends after its first event and then stays open. */
class TrafficFeedTest {
  private final OkHttpClient http = HttpClients.create();
  private final CurrentThreadExecutor executor = new CurrentThreadExecutor();
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private final List<TrafficItem> received = new CopyOnWriteArrayList<>();
  private final List<StreamState> states = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private TrafficFeed feed;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serverThreads);
    server.createContext("/_sandbox/traffic/stream", this::stream);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    feed = new TrafficFeed(new ControlClient(http, url), executor, 0, received::addAll, states::add);
  }

  @AfterEach
  void stopServer() {
    feed.stop();
    release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void stream(HttpExchange exchange) throws IOException {
    int connection = lastEventIds.size() + 1;
    lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      String json = "{\"id\":" + connection + ",\"method\":\"GET\",\"path\":\"/v1/files\",\"status\":200}";
      out.write(("id: " + connection + "\nevent: traffic\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (connection > 1) {
        release.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void reconnectsWhenTheStreamEndsAndResumesAfterTheLastEntry() {
    feed.start();
    UiThread.until(executor, () -> received.size() == 2);
    assertThat(received).extracting(TrafficItem::id).containsExactly(1L, 2L);
    assertThat(lastEventIds.subList(0, 2)).containsExactly("0", "1");
    assertThat(states).containsSubsequence(StreamState.LIVE, StreamState.RECONNECTING, StreamState.LIVE);
  }

  @Test
  void stopEndsTheReaderThreadWhileTheStreamIsOpen() throws InterruptedException {
    feed.start();
    UiThread.until(executor, () -> received.size() == 2);
    feed.stop();
    UiThread.until(executor, () -> !feed.isReading());
    int before = states.size();
    executor.runPending();
    assertThat(states).hasSize(before);
  }
}

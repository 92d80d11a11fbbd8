package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import io.platformsandbox.mocks.stubs.StubSet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record a local fake "real" service, stop it, and play the recording back offline. */
class RecordingTest {

  private MockApis mocks;
  private HttpServer real;
  private final AtomicInteger realHits = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    real = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    real.createContext("/v2/rates", ex -> {
      realHits.incrementAndGet();
      byte[] body = ("{\"base\":\"EUR\",\"rates\":{\"USD\":1.0842,\"GBP\":0.8571},\"query\":\""
          + ex.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      ex.getResponseHeaders().add("X-Rate-Source", "ecb");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    real.createContext("/v2/orders", ex -> {
      realHits.incrementAndGet();
      ex.getRequestBody().readAllBytes();
      byte[] body = "{\"order\":\"ord_1\",\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(202, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    real.start();
  }

  @AfterEach
  void stop() {
    real.stop(0);
    mocks.close();
  }

  @Test
  void recordedExchangesPlayBackIdenticallyOffline(@TempDir Path saveTo) throws Exception {
    ProxyIdentity id = mocks.egress().register("acme.fx", List.of("api.fx.example"));
    OkHttpClient client = Clients.okHttp(mocks, id);
    mocks.recordings().start("api.fx.example", "http://127.0.0.1:" + real.getAddress().getPort());
    assertThat(mocks.recordings().active()).singleElement()
        .satisfies(r -> assertThat(r.host()).isEqualTo("api.fx.example"));

    Captured rates = call(client, get("http://api.fx.example/v2/rates?symbols=USD,GBP"));
    Captured order = call(client, post("http://api.fx.example/v2/orders", "{\"amount\":100}"));
    assertThat(rates.status()).isEqualTo(200);
    assertThat(order.status()).isEqualTo(202);
    assertThat(realHits).hasValue(2);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        mocks.journal().entries(JournalQuery.all().withVerdict(Verdict.RECORDED)).size() == 2);

    StubSet set = mocks.recordings().stop("api.fx.example", saveTo);
    assertThat(set.name()).isEqualTo("recorded-api.fx.example");
    assertThat(set.source()).isEqualTo(StubSet.Source.RECORDING);
    assertThat(set.stubCount()).isEqualTo(2);
    try (Stream<Path> files = Files.list(saveTo)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json"))).hasSize(2);
    }

    real.stop(0); // offline from here on
    Captured ratesAgain = call(client, get("http://api.fx.example/v2/rates?symbols=USD,GBP"));
    Captured orderAgain = call(client, post("http://api.fx.example/v2/orders", "{\"amount\":100}"));
    assertThat(ratesAgain).isEqualTo(rates);
    assertThat(orderAgain).isEqualTo(order);
    assertThat(realHits).hasValue(2);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(mocks.journal().entries(JournalQuery.all().withLimit(1)).get(0).stubSet())
            .isEqualTo("recorded-api.fx.example"));
  }

  @Test
  void savedRecordingsLoadAsAStubSetInANewServer(@TempDir Path saveTo) throws Exception {
    ProxyIdentity id = mocks.egress().register("acme.fx", List.of("api.fx.example"));
    mocks.recordings().start("api.fx.example", "http://127.0.0.1:" + real.getAddress().getPort());
    Captured rates = call(Clients.okHttp(mocks, id), get("http://api.fx.example/v2/rates?symbols=USD"));
    await().atMost(Duration.ofSeconds(5)).until(() ->
        !mocks.journal().entries(JournalQuery.all().withVerdict(Verdict.RECORDED)).isEmpty());
    mocks.recordings().stop("api.fx.example", saveTo);
    real.stop(0);

    try (MockApis other = new MockApis(MockApis.Config.loopback(0))) {
      other.start();
      other.stubSets().load("fx", saveTo, null);
      ProxyIdentity otherId = other.egress().register("acme.fx", List.of("api.fx.example"));
      assertThat(call(Clients.okHttp(other, otherId), get("http://api.fx.example/v2/rates?symbols=USD")))
          .isEqualTo(rates);
    }
  }

  record Captured(int status, String contentType, String rateSource, String body) {}

  private static Captured call(OkHttpClient client, Request request) throws Exception {
    try (Response r = client.newCall(request).execute()) {
      return new Captured(r.code(), r.header("Content-Type"), r.header("X-Rate-Source"), r.body().string());
    }
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private static Request post(String url, String json) {
    return new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json"))).build();
  }
}

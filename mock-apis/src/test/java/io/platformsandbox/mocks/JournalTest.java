package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The journal finds canary values wherever a plugin put them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalTest {

  private static final String CANARY = "canary-7f3a9c1e@pii.example";
  private MockApis mocks;
  private OkHttpClient client;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    ProxyIdentity id = mocks.egress().register("acme.leaky", List.of("api.crm.example"));
    client = Clients.okHttp(mocks, id);
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @BeforeEach
  void clear() {
    mocks.journal().clear();
  }

  @Test
  void findsAStringInAJsonRequestBody() throws Exception {
    send(post("http://api.crm.example/v1/contacts",
        RequestBody.create("{\"email\":\"" + CANARY + "\"}", MediaType.get("application/json"))));
    send(post("http://api.crm.example/v1/contacts",
        RequestBody.create("{\"email\":\"clean@example.com\"}", MediaType.get("application/json"))));
    List<JournalEntry> hits = awaitSearch(CANARY);
    assertThat(hits).singleElement().satisfies(e -> {
      assertThat(e.pluginId()).isEqualTo("acme.leaky");
      assertThat(e.host()).isEqualTo("api.crm.example");
      assertThat(e.requestBody()).contains(CANARY);
    });
  }

  @Test
  void findsAStringInAFormEncodedBodyAndInTheQuery() throws Exception {
    send(post("http://api.crm.example/v1/contacts", new FormBody.Builder().add("email", CANARY).build()));
    send(new Request.Builder().url("http://api.crm.example/v1/contacts?q=" + CANARY).build());
    assertThat(awaitSearch(CANARY)).hasSize(2);
  }

  @Test
  void findsAStringInRequestHeaders() throws Exception {
    send(new Request.Builder().url("http://api.crm.example/v1/contacts").header("X-Debug-User", CANARY).build());
    assertThat(awaitSearch(CANARY)).singleElement()
        .satisfies(e -> assertThat(e.requestHeaders()).containsKey("X-Debug-User"));
  }

  @Test
  void findsAStringInTheBodyOfARefusedRequest() throws Exception {
    send(post("http://api.tracker.example/collect",
        RequestBody.create("{\"who\":\"" + CANARY + "\"}", MediaType.get("application/json"))));
    assertThat(awaitSearch(CANARY)).singleElement().satisfies(e -> {
      assertThat(e.violation()).isTrue();
      assertThat(e.host()).isEqualTo("api.tracker.example");
    });
  }

  @Test
  void subscribersSeeEveryNewEntry() throws Exception {
    List<JournalEntry> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable sub = mocks.journal().subscribe(seen::add)) {
      send(new Request.Builder().url("http://api.crm.example/v1/contacts").build());
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    }
    send(new Request.Builder().url("http://api.crm.example/v1/contacts").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> mocks.journal().entries(JournalQuery.all()).size() == 2);
    assertThat(seen).hasSize(1);
  }

  @Test
  void wireMocksJournalResetClearsItToo() throws Exception {
    send(new Request.Builder().url("http://api.crm.example/v1/contacts").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> !mocks.journal().entries(JournalQuery.all()).isEmpty());
    mocks.wireMock().resetRequests();
    assertThat(mocks.journal().entries(JournalQuery.all())).isEmpty();
  }

  private List<JournalEntry> awaitSearch(String needle) {
    return await().atMost(Duration.ofSeconds(5))
        .until(() -> mocks.journal().search(needle), l -> !l.isEmpty());
  }

  private static Request post(String url, RequestBody body) {
    return new Request.Builder().url(url).post(body).build();
  }

  private void send(Request r) throws Exception {
    try (Response response = client.newCall(r).execute()) {
      response.body().string();
    }
  }
}

package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import io.platformsandbox.mocks.stubs.StubSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StubSetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MockApis mocks;
  private OkHttpClient client;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    ProxyIdentity id =
        mocks.egress().register("acme.all", List.of("api.crm.example", "api.payments.example",
            "api.weather.example", "api.geo.example", "api.toggle.example"));
    client = Clients.okHttp(mocks, id);
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @Test
  void builtInSetsAreListedAndEnabled() {
    assertThat(mocks.stubSets().builtInNames()).containsExactly("crm", "payments");
    assertThat(mocks.stubSets().get("crm")).get().satisfies(s -> {
      assertThat(s.source()).isEqualTo(StubSet.Source.BUILT_IN);
      assertThat(s.hosts()).containsExactly("api.crm.example");
      assertThat(s.enabled()).isTrue();
      assertThat(s.stubCount()).isGreaterThanOrEqualTo(5);
    });
    assertThat(mocks.stubSets().get("payments")).get()
        .satisfies(s -> assertThat(s.hosts()).containsExactly("api.payments.example"));
  }

  @Test
  void builtInCrmTemplatesAFreshIdForEveryCreateAndEchoesTheRequest() throws Exception {
    JsonNode a = post("http://api.crm.example/v1/contacts", "{\"email\":\"a@example.com\",\"last_name\":\"A\"}", 201);
    JsonNode b = post("http://api.crm.example/v1/contacts", "{\"email\":\"b@example.com\"}", 201);
    assertThat(a.get("id").asText()).isNotEqualTo(b.get("id").asText());
    assertThat(a.get("email").asText()).isEqualTo("a@example.com");
    assertThat(a.get("last_name").asText()).isEqualTo("A");
    assertThat(a.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    assertThat(get("http://api.crm.example/v1/contacts/ct_abc", 200).get("id").asText()).isEqualTo("ct_abc");
    assertThat(post("http://api.crm.example/v1/contacts", "{\"first_name\":\"NoEmail\"}", 422)
        .at("/error/field").asText()).isEqualTo("email");
    assertThat(post("http://api.crm.example/v1/contacts", "{\"email\":\"taken@example.com\"}", 409)
        .at("/error/type").asText()).isEqualTo("duplicate_contact");
  }

  @Test
  void builtInPaymentsCoverCreateConfirmDeclineAndRefund() throws Exception {
    JsonNode pi = post("http://api.payments.example/v1/payment_intents", "{\"amount\":1250,\"currency\":\"eur\",\"customer\":\"cus_9\"}", 200);
    assertThat(pi.get("amount").asInt()).isEqualTo(1250);
    assertThat(pi.get("customer").asText()).isEqualTo("cus_9");
    assertThat(pi.get("created").asLong()).isGreaterThan(1_700_000_000L);
    String id = pi.get("id").asText();
    assertThat(post("http://api.payments.example/v1/payment_intents/" + id + "/confirm", "{}", 200)
        .get("status").asText()).isEqualTo("succeeded");
    assertThat(post("http://api.payments.example/v1/payment_intents",
        "{\"amount\":1,\"currency\":\"usd\",\"payment_method\":\"pm_card_declined\"}", 402)
        .at("/error/code").asText()).isEqualTo("card_declined");
    assertThat(post("http://api.payments.example/v1/refunds", "{\"payment_intent\":\"" + id + "\"}", 200)
        .get("payment_intent").asText()).isEqualTo(id);
  }

  @Test
  void aFolderSetTakesHostsFromSubFoldersOrTheDefaultAndInlinesBodyFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("api.geo.example"));
    Files.createDirectories(dir.resolve("__files"));
    Files.writeString(dir.resolve("weather.json"), """
        {"request": {"method": "GET", "urlPath": "/today"},
         "response": {"status": 200, "bodyFileName": "today.json",
                      "headers": {"Content-Type": "application/json"}}}
        """);
    Files.writeString(dir.resolve("__files/today.json"), "{\"sky\": \"clear\"}");
    Files.writeString(dir.resolve("api.geo.example/all.json"), """
        {"mappings": [
          {"name": "geo-lookup", "request": {"method": "GET", "urlPathTemplate": "/places/{id}"},
           "response": {"status": 200, "body": "place {{request.path.id}}", "transformers": ["response-template"]}},
          {"request": {"method": "GET", "url": "/ping"}, "response": {"status": 204}}
        ]}
        """);
    StubSet set = mocks.stubSets().load("acme.weather", dir, "api.weather.example");
    assertThat(set.hosts()).containsExactlyInAnyOrder("api.weather.example", "api.geo.example");
    assertThat(set.stubCount()).isEqualTo(3);
    assertThat(get("http://api.weather.example/today", 200).get("sky").asText()).isEqualTo("clear");
    try (Response r = client.newCall(new Request.Builder().url("http://api.geo.example/places/p42").build()).execute()) {
      assertThat(r.body().string()).isEqualTo("place p42");
    }
    // the geo stubs answer only for their own host
    try (Response r = client.newCall(new Request.Builder().url("http://api.weather.example/places/p42").build()).execute()) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void disablingASetRemovesItsStubsAndEnablingBringsThemBack(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.json"), """
        {"request": {"method": "GET", "url": "/t"}, "response": {"status": 200, "body": "on"}}
        """);
    mocks.stubSets().load("toggle", dir, "api.toggle.example");
    assertThat(status("http://api.toggle.example/t")).isEqualTo(200);
    assertThat(mocks.stubSets().disable("toggle").enabled()).isFalse();
    assertThat(status("http://api.toggle.example/t")).isEqualTo(502);
    assertThat(mocks.stubSets().enable("toggle").enabled()).isTrue();
    assertThat(status("http://api.toggle.example/t")).isEqualTo(200);
    mocks.stubSets().remove("toggle");
    assertThat(mocks.stubSets().get("toggle")).isEmpty();
    assertThat(status("http://api.toggle.example/t")).isEqualTo(502);
  }

  @Test
  void enabledSetsSurviveWireMocksOwnReset() throws Exception {
    mocks.wireMock().resetAll();
    assertThat(status("http://api.crm.example/v1/contacts")).isEqualTo(200);
    mocks.stubSets().disable("payments");
    try {
      mocks.wireMock().resetAll();
      assertThat(status("http://api.payments.example/v1/customers/c1")).isEqualTo(502);
    } finally {
      mocks.stubSets().enable("payments");
    }
  }

  @Test
  void anInvalidMappingFileIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"request\": {\"method\": \"GET\"}}");
    assertThatThrownBy(() -> mocks.stubSets().load("broken", dir, "api.x.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.json");
    assertThat(mocks.stubSets().get("broken")).isEmpty();
  }

  private int status(String url) throws Exception {
    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return r.code();
    }
  }

  private JsonNode get(String url, int expected) throws Exception {
    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
      String body = r.body().string();
      assertThat(r.code()).as(body).isEqualTo(expected);
      return JSON.readTree(body);
    }
  }

  private JsonNode post(String url, String json, int expected) throws Exception {
    Request req = new Request.Builder().url(url)
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response r = client.newCall(req).execute()) {
      String body = r.body().string();
      assertThat(r.code()).as(body).isEqualTo(expected);
      return JSON.readTree(body);
    }
  }
}

package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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

/** Plain-HTTP egress through the proxy, with real clients: OkHttp, the JDK client, python3. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgressProxyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private MockApis mocks;
  private ProxyIdentity crmSync;
  private ProxyIdentity payer;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    crmSync = mocks.egress().register("acme.crm-sync", List.of("api.crm.example"));
    payer = mocks.egress().register("acme.payer", List.of("api.payments.example", "api.nostubs.example"));
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @BeforeEach
  void clearJournal() {
    mocks.journal().clear();
  }

  @Test
  void okHttpReachesTheCrmStubThroughTheProxy() throws Exception {
    OkHttpClient client = Clients.okHttp(mocks, crmSync);
    Request request =
        new Request.Builder()
            .url("http://api.crm.example/v1/contacts")
            .post(RequestBody.create("{\"email\":\"ok@example.com\",\"first_name\":\"Ok\"}", JSON_TYPE))
            .build();
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(201);
      JsonNode body = JSON.readTree(response.body().string());
      assertThat(body.get("id").asText()).matches("ct_[a-z0-9]{16}");
      assertThat(body.get("email").asText()).isEqualTo("ok@example.com");
    }
  }

  @Test
  void jdkClientReachesThePaymentsStubThroughTheProxy() throws Exception {
    HttpResponse<String> response =
        Clients.jdk(mocks, payer, null)
            .send(
                HttpRequest.newBuilder(URI.create("http://api.payments.example/v1/payment_intents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 4999, \"currency\": \"usd\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("id").asText()).matches("pi_[A-Za-z0-9]{24}");
    assertThat(body.get("amount").asInt()).isEqualTo(4999);
    assertThat(body.get("status").asText()).isEqualTo("requires_confirmation");
  }

  @Test
  void pythonUrllibReachesTheStubThroughHttpProxyFromTheEnvironment() throws Exception {
    String script =
        String.join(
            "\n",
            "import json, urllib.request",
            "body = json.dumps({'email': 'py@example.com'}).encode()",
            "req = urllib.request.Request('http://api.crm.example/v1/contacts', data=body,",
            "    headers={'Content-Type': 'application/json'}, method='POST')",
            "with urllib.request.urlopen(req, timeout=10) as r:",
            "    print(r.status)",
            "    print(r.read().decode())");
    Clients.Run run = Clients.python(script, crmSync.environment());
    assertThat(run.exit()).as(run.stderr()).isZero();
    String[] lines = run.stdout().split("\n", 2);
    assertThat(lines[0]).isEqualTo("201");
    assertThat(JSON.readTree(lines[1]).get("email").asText()).isEqualTo("py@example.com");
    JournalEntry entry = awaitEntry(JournalQuery.all().withPlugin("acme.crm-sync"));
    assertThat(entry.requestHeaders().get("User-Agent").get(0)).startsWith("Python-urllib");
  }

  @Test
  void everyRequestIsAttributedToTheIdentityThatSentIt() throws Exception {
    try (Response r = Clients.okHttp(mocks, crmSync).newCall(get("http://api.crm.example/v1/contacts")).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    HttpResponse<String> r2 =
        Clients.jdk(mocks, payer, null)
            .send(
                HttpRequest.newBuilder(URI.create("http://api.payments.example/v1/customers/cus_1")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r2.statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(5)).until(() -> mocks.journal().entries(JournalQuery.all()).size() >= 2);
    JournalEntry crm = awaitEntry(JournalQuery.all().withHost("api.crm.example"));
    JournalEntry pay = awaitEntry(JournalQuery.all().withHost("api.payments.example"));
    assertThat(crm.pluginId()).isEqualTo("acme.crm-sync");
    assertThat(crm.verdict()).isEqualTo(Verdict.SERVED);
    assertThat(crm.stubName()).isEqualTo("crm-list-contacts");
    assertThat(crm.stubSet()).isEqualTo("crm");
    assertThat(crm.viaProxy()).isTrue();
    assertThat(pay.pluginId()).isEqualTo("acme.payer");
    assertThat(pay.stubSet()).isEqualTo("payments");
  }

  @Test
  void proxyCredentialsNeverReachTheJournalOrTheStub() throws Exception {
    try (Response r = Clients.okHttp(mocks, crmSync).newCall(get("http://api.crm.example/v1/contacts")).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    JournalEntry entry = awaitEntry(JournalQuery.all().withPlugin("acme.crm-sync"));
    assertThat(entry.requestHeaders().keySet()).noneMatch(k -> k.equalsIgnoreCase("Proxy-Authorization"));
    assertThat(mocks.journal().search(crmSync.password())).isEmpty();
  }

  @Test
  void anUndeclaredHostIsRefusedEvenThoughItHasStubs() throws Exception {
    // acme.crm-sync declares only api.crm.example; the payments stubs exist
    try (Response r =
        Clients.okHttp(mocks, crmSync)
            .newCall(
                new Request.Builder()
                    .url("http://api.payments.example/v1/payment_intents")
                    .post(RequestBody.create("{\"amount\":1,\"currency\":\"usd\",\"email\":\"leak@example.com\"}", JSON_TYPE))
                    .build())
            .execute()) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      JsonNode problem = JSON.readTree(r.body().string());
      assertThat(problem.get("type").asText()).endsWith("/egress-undeclared-host");
      assertThat(problem.get("title").asText()).isNotBlank();
      assertThat(problem.get("status").asInt()).isEqualTo(403);
      assertThat(problem.get("detail").asText())
          .contains("api.payments.example")
          .contains("acme.crm-sync")
          .contains("egress:");
    }
    JournalEntry v = awaitEntry(JournalQuery.all().violations());
    assertThat(v.verdict()).isEqualTo(Verdict.UNDECLARED_HOST);
    assertThat(v.pluginId()).isEqualTo("acme.crm-sync");
    assertThat(v.host()).isEqualTo("api.payments.example");
    assertThat(v.requestBody()).contains("leak@example.com");
  }

  @Test
  void aDeclaredHostWithoutStubsIsRefusedWithAHowTo() throws Exception {
    try (Response r = Clients.okHttp(mocks, payer).newCall(get("http://api.nostubs.example/things")).execute()) {
      assertThat(r.code()).isEqualTo(502);
      JsonNode problem = JSON.readTree(r.body().string());
      assertThat(problem.get("type").asText()).endsWith("/egress-no-stubs");
      assertThat(problem.get("detail").asText())
          .contains("api.nostubs.example")
          .contains("mocks/")
          .contains("/__admin/mappings");
    }
    assertThat(awaitEntry(JournalQuery.all().violations()).verdict()).isEqualTo(Verdict.NO_STUB_SET);
  }

  @Test
  void aRequestWithoutCredentialsIsChallengedWith407() throws Exception {
    try (Response r = Clients.okHttp(mocks, null).newCall(get("http://api.crm.example/v1/contacts")).execute()) {
      assertThat(r.code()).isEqualTo(407);
      assertThat(r.header("Proxy-Authenticate")).startsWith("Basic");
      assertThat(JSON.readTree(r.body().string()).get("detail").asText()).contains("HTTP_PROXY");
    }
    // a challenge is the normal first round of proxy authentication, not a violation
    assertThat(mocks.journal().violations()).isEmpty();
  }

  @Test
  void wrongCredentialsAreRefused() throws Exception {
    ProxyIdentity forged = new ProxyIdentity("acme.crm-sync", "not-the-password", crmSync.declaredHosts(), "127.0.0.1", mocks.port());
    Clients.Run run =
        Clients.python(
            "import urllib.request, urllib.error\n"
                + "try:\n"
                + "    urllib.request.urlopen('http://api.crm.example/v1/contacts', timeout=10)\n"
                + "except urllib.error.HTTPError as e:\n"
                + "    print(e.code)\n",
            forged.environment());
    assertThat(run.stdout().trim()).as(run.stderr()).isEqualTo("407");
    assertThat(awaitEntry(JournalQuery.all().violations()).verdict()).isEqualTo(Verdict.UNIDENTIFIED);
  }

  @Test
  void anUnmatchedRequestToAStubbedHostGetsWireMocks404AndNearMisses() throws Exception {
    try (Response r = Clients.okHttp(mocks, crmSync).newCall(get("http://api.crm.example/v1/contactz")).execute()) {
      assertThat(r.code()).isEqualTo(404);
    }
    JournalEntry e = awaitEntry(JournalQuery.all().withVerdict(Verdict.UNMATCHED));
    assertThat(e.pluginId()).isEqualTo("acme.crm-sync");
    assertThat(mocks.journal().nearMisses(e.id()))
        .isNotEmpty()
        .first()
        .satisfies(n -> assertThat(n.stubName()).startsWith("crm-"));
  }

  @Test
  void anonymousEgressCanBeTurnedOnForManualUse() throws Exception {
    mocks.egress().allowAnonymous(true);
    try (Response r = Clients.okHttp(mocks, null).newCall(get("http://api.crm.example/v1/contacts")).execute()) {
      assertThat(r.code()).isEqualTo(200);
    } finally {
      mocks.egress().allowAnonymous(false);
    }
    assertThat(awaitEntry(JournalQuery.all()).pluginId()).isEqualTo("anonymous");
  }

  @Test
  void theAdminApiIsNotReachableThroughTheProxy() throws Exception {
    try (Response r = Clients.okHttp(mocks, crmSync).newCall(get("http://api.crm.example/__admin/mappings")).execute()) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void stubsCanStillBeCalledDirectlyOnTheMockServer() throws Exception {
    mocks.wireMock().stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get("/direct")
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("direct")));
    try (Response r = new OkHttpClient().newCall(get(mocks.baseUrl() + "/direct")).execute()) {
      assertThat(r.body().string()).isEqualTo("direct");
    }
    JournalEntry e = awaitEntry(JournalQuery.all());
    assertThat(e.viaProxy()).isFalse();
    assertThat(e.pluginId()).isNull();
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private JournalEntry awaitEntry(JournalQuery q) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> mocks.journal().entries(q), l -> !l.isEmpty())
        .get(0);
  }

}

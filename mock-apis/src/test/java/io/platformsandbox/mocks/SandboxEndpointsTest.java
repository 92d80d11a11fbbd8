package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The /__sandbox HTTP endpoints the workbench reads, driven with curl-like calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxEndpointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private MockApis mocks;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @Test
  void anIdentityRegisteredOverHttpWorksAsAnHttpProxyUrlFromPython() throws Exception {
    HttpResponse<String> r = call("POST", "/__sandbox/identities",
        "{\"plugin_id\":\"acme.py\",\"egress_hosts\":[\"api.crm.example\"]}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode identity = JSON.readTree(r.body());
    String proxyUrl = identity.get("proxy_url").asText();
    assertThat(proxyUrl).startsWith("http://acme.py:").endsWith("@127.0.0.1:" + mocks.port());
    assertThat(identity.at("/environment/HTTP_PROXY").asText()).isEqualTo(proxyUrl);

    Clients.Run run = Clients.python(
        "import urllib.request\nprint(urllib.request.urlopen('http://api.crm.example/v1/contacts', timeout=10).status)\n",
        java.util.Map.of("http_proxy", proxyUrl));
    assertThat(run.stdout().trim()).as(run.stderr()).isEqualTo("200");

    JsonNode list = JSON.readTree(call("GET", "/__sandbox/identities", null).body());
    assertThat(list.get("data").findValuesAsText("plugin_id")).contains("acme.py");
    assertThat(list.toString()).doesNotContain(identity.get("password").asText());
  }

  @Test
  void theJournalIsSearchableOverHttp() throws Exception {
    mocks.egress().allowAnonymous(true);
    try {
      Clients.python(
          "import urllib.request\n"
              + "urllib.request.urlopen(urllib.request.Request('http://api.crm.example/v1/contacts',"
              + " data=b'{\"email\": \"needle-42@example.com\"}', headers={'Content-Type': 'application/json'}), timeout=10)\n",
          java.util.Map.of("http_proxy", mocks.baseUrl()));
    } finally {
      mocks.egress().allowAnonymous(false);
    }
    String q = URLEncoder.encode("needle-42@example.com", StandardCharsets.UTF_8);
    JsonNode found = await().atMost(Duration.ofSeconds(5)).until(
        () -> JSON.readTree(call("GET", "/__sandbox/journal?contains=" + q, null).body()),
        n -> n.get("data").size() == 1);
    JsonNode entry = found.get("data").get(0);
    assertThat(entry.get("plugin_id").asText()).isEqualTo("anonymous");
    assertThat(entry.get("verdict").asText()).isEqualTo("SERVED");
    assertThat(entry.get("stub_set").asText()).isEqualTo("crm");
    assertThat(entry.get("violation").asBoolean()).isFalse();

    JsonNode one = JSON.readTree(call("GET", "/__sandbox/journal/" + entry.get("id").asText(), null).body());
    assertThat(one.get("request_body").asText()).contains("needle-42");
    assertThat(one.has("near_misses")).isTrue();
  }

  @Test
  void stubSetsAreListedDisabledAndEnabledOverHttp(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("x.json"),
        "{\"request\":{\"method\":\"GET\",\"url\":\"/x\"},\"response\":{\"status\":200}}");
    HttpResponse<String> loaded = call("POST", "/__sandbox/stub-sets",
        "{\"name\":\"xs\",\"folder\":\"" + dir.toString().replace("\\", "\\\\") + "\",\"host\":\"api.x.example\"}");
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
    assertThat(JSON.readTree(loaded.body()).get("hosts").get(0).asText()).isEqualTo("api.x.example");
    JsonNode sets = JSON.readTree(call("GET", "/__sandbox/stub-sets", null).body());
    assertThat(sets.get("data").findValuesAsText("name")).contains("crm", "payments", "xs");
    assertThat(JSON.readTree(call("POST", "/__sandbox/stub-sets/xs/disable", "").body()).get("enabled").asBoolean()).isFalse();
    assertThat(mocks.stubSets().get("xs").orElseThrow().enabled()).isFalse();
    assertThat(JSON.readTree(call("POST", "/__sandbox/stub-sets/xs/enable", "").body()).get("enabled").asBoolean()).isTrue();
    assertThat(call("POST", "/__sandbox/stub-sets/nope/enable", "").statusCode()).isEqualTo(404);
  }

  @Test
  void faultsAreAddedListedAndRemovedOverHttp() throws Exception {
    HttpResponse<String> added = call("POST", "/__sandbox/faults",
        "{\"host\":\"api.crm.example\",\"kind\":\"status\",\"status\":503,\"probability\":0.5}");
    assertThat(added.statusCode()).isEqualTo(201);
    String id = JSON.readTree(added.body()).get("id").asText();
    assertThat(mocks.faults().list()).singleElement().satisfies(f -> assertThat(f.probability()).isEqualTo(0.5));
    assertThat(JSON.readTree(call("GET", "/__sandbox/faults", null).body()).get("data").size()).isEqualTo(1);
    assertThat(call("DELETE", "/__sandbox/faults/" + id, null).statusCode()).isEqualTo(204);
    assertThat(mocks.faults().list()).isEmpty();
  }

  @Test
  void badRequestsGetProblemJson() throws Exception {
    HttpResponse<String> bad = call("POST", "/__sandbox/faults", "{\"kind\":\"explode\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(bad.body()).get("detail").asText()).contains("kind");
    assertThat(call("POST", "/__sandbox/faults", "not json").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/__sandbox/nothing-here", null).statusCode()).isEqualTo(404);
    assertThat(call("PUT", "/__sandbox/faults", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void theCaCertificateIsServedAsPem() throws Exception {
    HttpResponse<String> r = call("GET", "/__sandbox/ca.pem", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void infoDescribesTheProxyAndTheEndpoints() throws Exception {
    JsonNode info = JSON.readTree(call("GET", "/__sandbox/info", null).body());
    assertThat(info.get("proxy_url").asText()).isEqualTo(mocks.baseUrl());
    assertThat(info.get("https_supported").asBoolean()).isTrue();
    assertThat(info.get("endpoints").toString()).contains("GET /__sandbox/journal");
  }

  @Test
  void wireMocksOwnAdminApiStillWorks() throws Exception {
    HttpResponse<String> r = call("GET", "/__admin/mappings", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("mappings").size()).isGreaterThan(5);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mocks.baseUrl() + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

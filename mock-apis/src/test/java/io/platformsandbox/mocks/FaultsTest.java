package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.platformsandbox.mocks.faults.FaultKind;
import io.platformsandbox.mocks.faults.FaultRule;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Fault toggles take effect for the next request and clear just as fast. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsTest {

  private static final String CONTACTS = "http://api.crm.example/v1/contacts";
  private MockApis mocks;
  private OkHttpClient client;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    ProxyIdentity id = mocks.egress().register("acme.f", List.of("api.crm.example", "api.payments.example"));
    client = Clients.okHttp(mocks, id);
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @AfterEach
  void clearFaults() {
    mocks.faults().clear();
  }

  @Test
  void aStatusFaultTakesEffectAndClears() throws Exception {
    FaultRule rule = mocks.faults().add(FaultRule.status("api.crm.example", 503));
    assertThat(rule.id()).isNotBlank();
    try (Response r = call(CONTACTS)) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(r.body().string()).get("type").asText()).endsWith("/injected-fault");
    }
    assertThat(code("http://api.payments.example/v1/customers/c1")).as("other hosts unaffected").isEqualTo(200);
    assertThat(mocks.faults().remove(rule.id())).isTrue();
    assertThat(code(CONTACTS)).isEqualTo(200);
  }

  @Test
  void theJournalNamesTheFaultThatApplied() throws Exception {
    FaultRule rule = mocks.faults().add(FaultRule.status("api.crm.example", 500));
    assertThat(code(CONTACTS)).isEqualTo(500);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(mocks.journal().entries(JournalQuery.all().withLimit(1)).get(0).faultId()).isEqualTo(rule.id()));
  }

  @Test
  void latencyDelaysTheResponse() throws Exception {
    mocks.faults().add(FaultRule.latency("api.crm.example", 400));
    long start = System.nanoTime();
    assertThat(code(CONTACTS)).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void connectionResetFailsTheCall() {
    mocks.faults().add(FaultRule.connectionReset("api.crm.example"));
    assertThatThrownBy(() -> call(CONTACTS).close()).isInstanceOf(IOException.class);
  }

  @Test
  void emptyResponseFailsTheCall() {
    mocks.faults().add(FaultRule.emptyResponse("api.crm.example"));
    assertThatThrownBy(() -> call(CONTACTS).close()).isInstanceOf(IOException.class);
  }

  @Test
  void malformedBodyKeepsTheStatusButBreaksTheJson() throws Exception {
    mocks.faults().add(FaultRule.malformedBody("api.crm.example"));
    try (Response r = call(CONTACTS)) {
      assertThat(r.code()).isEqualTo(200);
      String body = r.body().string();
      assertThatThrownBy(() -> new ObjectMapper().readTree(body)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aCountedFaultRemovesItselfAfterItsCount() throws Exception {
    mocks.faults().add(FaultRule.status("api.crm.example", 502).times(2));
    assertThat(code(CONTACTS)).isEqualTo(502);
    assertThat(mocks.faults().list()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(1));
    assertThat(code(CONTACTS)).isEqualTo(502);
    assertThat(code(CONTACTS)).isEqualTo(200);
    assertThat(mocks.faults().list()).isEmpty();
  }

  @Test
  void aStubScopedFaultLeavesTheHostsOtherStubsAlone() throws Exception {
    mocks.faults().add(FaultRule.status("api.crm.example", 503).forStub("crm-get-contact"));
    assertThat(code("http://api.crm.example/v1/contacts/ct_1")).isEqualTo(503);
    assertThat(code(CONTACTS)).isEqualTo(200);
  }

  @Test
  void probabilityZeroNeverFiresAndOneAlwaysDoes() throws Exception {
    mocks.faults().add(FaultRule.status(null, 503).withProbability(0.0));
    for (int i = 0; i < 5; i++) {
      assertThat(code(CONTACTS)).isEqualTo(200);
    }
    mocks.faults().clear();
    mocks.faults().add(FaultRule.status(null, 503).withProbability(1.0));
    assertThat(code(CONTACTS)).isEqualTo(503);
  }

  @Test
  void invalidRulesAreRejected() {
    assertThatThrownBy(() -> new FaultRule(null, null, null, FaultKind.STATUS, 42, 0, 1, null))
        .hasMessageContaining("status");
    assertThatThrownBy(() -> FaultRule.status(null, 503).withProbability(1.5))
        .hasMessageContaining("probability");
  }

  private Response call(String url) throws IOException {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }

  private int code(String url) throws IOException {
    try (Response r = call(url)) {
      return r.code();
    }
  }
}

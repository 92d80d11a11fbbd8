package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code https://} egress: CONNECT tunnels terminated with certificates from the sandbox CA. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsEgressTest {

  private MockApis mocks;
  private ProxyIdentity crmSync;
  private String caPem;

  @BeforeAll
  void start() {
    mocks = new MockApis(MockApis.Config.loopback(0));
    mocks.start();
    crmSync = mocks.egress().register("acme.crm-sync", List.of("api.crm.example"));
    assertThat(mocks.egress().httpsSupported()).isTrue();
    caPem = mocks.egress().caCertificatePem();
  }

  @AfterAll
  void stop() {
    mocks.close();
  }

  @Test
  void theCaCertificateIsExportedAsPem(@TempDir Path dir) throws Exception {
    Path file = mocks.egress().exportCaCertificate(dir.resolve("ca.pem"));
    assertThat(Clients.read(file)).startsWith("-----BEGIN CERTIFICATE-----").isEqualTo(caPem);
  }

  @Test
  void okHttpReachesTheStubOverHttpsThroughTheProxy() throws Exception {
    try (Response r =
        Clients.okHttpTrusting(mocks, crmSync, caPem)
            .newCall(new Request.Builder().url("https://api.crm.example/v1/contacts/ct_1").build())
            .execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("\"id\": \"ct_1\"");
    }
    JournalEntry e = awaitEntry(JournalQuery.all().withPlugin("acme.crm-sync").withVerdict(Verdict.SERVED));
    assertThat(e.scheme()).isEqualTo("https");
    assertThat(e.host()).isEqualTo("api.crm.example");
    assertThat(e.viaProxy()).isTrue();
  }

  @Test
  void jdkClientReachesTheStubOverHttpsThroughTheProxy() throws Exception {
    HttpResponse<String> r =
        Clients.jdk(mocks, crmSync, Clients.trusting(caPem))
            .send(
                HttpRequest.newBuilder(URI.create("https://api.crm.example/v1/contacts")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("ann.lee@example.com");
  }

  @Test
  void pythonUrllibReachesTheStubOverHttpsWithTheExportedCa(@TempDir Path dir) throws Exception {
    Path ca = mocks.egress().exportCaCertificate(dir.resolve("ca.pem"));
    Map<String, String> env = new HashMap<>(crmSync.environment());
    env.put("SSL_CERT_FILE", ca.toString());
    Clients.Run run =
        Clients.python(
            "import urllib.request\n"
                + "with urllib.request.urlopen('https://api.crm.example/v1/contacts/ct_py', timeout=10) as r:\n"
                + "    print(r.status, r.read().decode())\n",
            env);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("200").contains("ct_py");
  }

  @Test
  void aTunnelToAnUndeclaredHostIsRefused() {
    assertThatThrownBy(
            () -> {
              try (Response r =
                  Clients.okHttpTrusting(mocks, crmSync, caPem)
                      .newCall(new Request.Builder().url("https://api.payments.example/v1/customers/c").build())
                      .execute()) {
                r.body().string();
              }
            })
        .isInstanceOf(IOException.class);
    JournalEntry v = awaitEntry(JournalQuery.all().violations().withHost("api.payments.example"));
    assertThat(v.verdict()).isEqualTo(Verdict.UNDECLARED_HOST);
    assertThat(v.method()).isEqualTo("CONNECT");
    assertThat(v.pluginId()).isEqualTo("acme.crm-sync");
  }

  private JournalEntry awaitEntry(JournalQuery q) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> mocks.journal().entries(q), l -> !l.isEmpty())
        .get(0);
  }
}

package io.platformsandbox.engine.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.EngineConfig;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RawHttp;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesAcceptanceTest {
  @RegisterExtension
  static RunningEngine engine = new RunningEngine(EngineConfig.ephemeral().withMockPort(-1).withMaxFileBytes(64 * 1024));

  private SandboxClient client;
  private String token;

  @BeforeEach
  void setUp() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "files", AllScopes.WIRE));
  }

  private Response put(String path, String body) {
    return client.send("PUT", "/v1/files/" + path, token, "text/csv", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void putGetHeadListDeleteRoundTrip() {
    Response created = put("reports/2026/jan.csv", "a,b\n1,2\n");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("path").asText()).isEqualTo("reports/2026/jan.csv");
    assertThat(created.json().get("size").asLong()).isEqualTo(8);
    assertThat(created.json().get("sha256").asText()).isEqualTo(sha256("a,b\n1,2\n"));
    assertThat(created.json().get("content_type").asText()).isEqualTo("text/csv");

    Response got = client.get("/v1/files/reports/2026/jan.csv", token);
    assertThat(got.text()).isEqualTo("a,b\n1,2\n");
    assertThat(got.header("Content-Type")).isEqualTo("text/csv");
    Response head = client.send("HEAD", "/v1/files/reports/2026/jan.csv", token, null, null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo("8");
    assertThat(head.bytes()).isEmpty();

    assertThat(put("reports/2026/jan.csv", "a,b\n3,4\n").status()).isEqualTo(200);
    assertThat(client.get("/v1/files/reports/2026/jan.csv", token).text()).isEqualTo("a,b\n3,4\n");
    put("reports/2026/feb.csv", "x");
    put("other.txt", "y");
    Response list = client.get("/v1/files?prefix=reports/", token);
    assertThat(list.json().get("data")).extracting(n -> n.get("path").asText())
        .containsExactly("reports/2026/feb.csv", "reports/2026/jan.csv");

    assertThat(client.delete("/v1/files/reports/2026/jan.csv", token).status()).isEqualTo(204);
    assertThat(client.get("/v1/files/reports/2026/jan.csv", token).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/v1/files/../secret",
      "/v1/files/a/../../etc/passwd",
      "/v1/files/%2e%2e/x",
      "/v1/files/a/%2E%2E/%2e%2e/x",
      "/v1/files//etc/passwd",
      "/v1/files/a%00b",
      "/v1/files/a%0Ab",
      "/v1/files/a%5C..%5Cb",
      "/v1/files/C:%5Cwindows",
      "/v1/files/a/./b"})
  void traversalAbsolutePathsAndControlCharactersAre400(String target) throws Exception {
    put("keep.txt", "safe");
    RawHttp.Reply reply = RawHttp.send(engine.engine().port(),
        "PUT " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
            + "\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\nevil");
    assertThat(reply.status()).as(target + " -> " + reply).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.body()).doesNotContain("<html").doesNotContain("Exception");
    assertThat(client.get("/v1/files", token).json().get("data")).hasSize(1);
  }

  @Test
  void aFileOverTheLimitIs413AndNothingIsStored() {
    Response r = put("big.bin", "x".repeat(64 * 1024 + 1));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(client.get("/v1/files", token).json().get("data")).isEmpty();
  }

  @Test
  void aPathCannotBeBothAFileAndAFolder() {
    put("a/b", "1");
    assertThat(put("a", "2").status()).isEqualTo(409);
    assertThat(put("a/b/c", "3").status()).isEqualTo(409);
    assertThat(client.get("/v1/files/a/b", token).text()).isEqualTo("1");
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

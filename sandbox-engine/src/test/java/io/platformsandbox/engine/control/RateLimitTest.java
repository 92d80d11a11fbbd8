package io.platformsandbox.engine.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();

  @Test
  void callsOverTheBucketGet429WithRetryAfterAndEveryResponseHasRateLimitHeaders() {
    SandboxClient client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "slow", "rate_limit", Map.of("per_second", 0.5, "burst", 2)));
    String token = client.token(client.createApp("slow", "app", AllScopes.WIRE));
    Response first = client.get("/v1/collections", token);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("RateLimit-Limit")).isEqualTo("2");
    assertThat(first.header("RateLimit-Remaining")).isEqualTo("1");
    assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 4L);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    Response third = client.get("/v1/collections", token);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Retry-After")).isEqualTo("2");
    assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(third.json().get("type").asText()).endsWith("/rate-limited");
  }

  @Test
  void perSecondZeroTurnsLimitingOffAndPatchingTheTenantTakesEffect() {
    SandboxClient client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "t", "rate_limit", Map.of("per_second", 1, "burst", 1)));
    String token = client.token(client.createApp("t", "app", AllScopes.WIRE));
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(200);
    assertThat(client.get("/v1/collections", token).status()).isEqualTo(429);
    Response patched = client.patch("/_sandbox/tenants/t", null, Map.of("rate_limit", Map.of("per_second", 0)));
    assertThat(patched.status()).isEqualTo(200);
    for (int i = 0; i < 20; i++) {
      Response r = client.get("/v1/collections", token);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("RateLimit-Limit")).isNull();
    }
  }
}

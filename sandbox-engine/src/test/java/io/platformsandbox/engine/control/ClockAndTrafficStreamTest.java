package io.platformsandbox.engine.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClockAndTrafficStreamTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();

  @Test
  void theClockAdvancesOnRequestAndRefusesNonsense() {
    SandboxClient client = engine.client();
    Instant before = Instant.parse(client.get("/_sandbox/clock", null).json().get("now").asText());
    Response r = client.post("/_sandbox/clock/advance", null, Map.of("seconds", 90));
    assertThat(r.status()).isEqualTo(200);
    Instant after = Instant.parse(r.json().get("now").asText());
    assertThat(after).isAfterOrEqualTo(before.plusSeconds(90));
    assertThat(r.json().get("offset_seconds").asDouble()).isEqualTo(90.0);
    assertThat(client.post("/_sandbox/clock/advance", null, Map.of("seconds", -5)).status()).isEqualTo(422);
  }

  @Test
  void theTrafficStreamShowsRequestsAsTheyHappen() throws Exception {
    SandboxClient client = engine.client();
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/_sandbox/traffic/stream")).build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      reader.readLine(); // the first heartbeat: the stream is live
      CompletableFuture.runAsync(() -> client.get("/v1/collections", null));
      List<String> data = new ArrayList<>();
      String line;
      while (data.isEmpty() && (line = reader.readLine()) != null) {
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
      var entry = Json.parseTrusted(data.get(0));
      assertThat(entry.get("path").asText()).isEqualTo("/v1/collections");
      assertThat(entry.get("status").asInt()).isEqualTo(401);
    }
  }
}

package io.platformsandbox.engine.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformsandbox.engine.json.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FaultRulesTest {

  @ParameterizedTest
  @CsvSource({
    "/v1/collections/*, /v1/collections/contacts, true",
    "/v1/collections/*, /v1/collections/contacts/records, false",
    "/v1/collections/**, /v1/collections/contacts/records/r1, true",
    "/v1/*/records, /v1/contacts/records, true",
    "/v1/files/**, /v1/files, false",
    "/v1/a.b, /v1/axb, false"
  })
  void starMatchesWithinASegmentAndDoubleStarAcross(String pattern, String path, boolean matches) {
    assertThat(FaultRules.glob(pattern).matcher(path).matches()).isEqualTo(matches);
  }

  @Test
  void probabilityDecidesWithTheGivenRandomness() {
    double[] next = {0.2};
    FaultRules rules = new FaultRules(() -> next[0]);
    rules.add((com.fasterxml.jackson.databind.node.ObjectNode) Json.parseTrusted("{\"status\": 500, \"probability\": 0.3}"));
    assertThat(rules.match("GET", "/v1/x", () -> null)).isPresent();
    next[0] = 0.5;
    assertThat(rules.match("GET", "/v1/x", () -> null)).isEmpty();
  }

  @Test
  void countUsesTheRuleUpAndTheClientIdIsOnlyLookedUpWhenNeeded() {
    FaultRules rules = new FaultRules(() -> 0.0);
    rules.add((com.fasterxml.jackson.databind.node.ObjectNode) Json.parseTrusted("{\"method\": \"POST\", \"status\": 429, \"retry_after_s\": 3, \"count\": 2}"));
    AtomicInteger lookups = new AtomicInteger();
    assertThat(rules.match("GET", "/v1/x", () -> "a" + lookups.incrementAndGet())).isEmpty();
    assertThat(rules.match("POST", "/v1/x", () -> "a" + lookups.incrementAndGet())).isPresent();
    assertThat(rules.match("POST", "/v1/x", () -> "a" + lookups.incrementAndGet())).isPresent();
    assertThat(rules.match("POST", "/v1/x", () -> "a" + lookups.incrementAndGet())).isEmpty();
    assertThat(lookups).hasValue(0);
    assertThat(rules.list()).isEmpty();
  }
}

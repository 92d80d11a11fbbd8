package io.platformsandbox.engine.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event on its way to one webhook.
 *
 * @param status {@code pending} (will be attempted at {@code nextAttemptAt}), {@code succeeded},
 *     {@code dead} (every attempt failed; redeliver by hand) or {@code cancelled} (webhook deleted)
 */
public record Delivery(
    String id,
    long seq,
    String tenant,
    String webhookId,
    String eventId,
    String payload,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    List<Attempt> history) {

  /** One try: what the receiver answered, or why there was no answer. */
  public record Attempt(
      int number, Instant at, Integer statusCode, double latencyMs, String error, String responseExcerpt, boolean manual) {}
}

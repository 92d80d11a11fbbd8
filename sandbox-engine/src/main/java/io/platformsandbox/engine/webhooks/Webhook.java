package io.platformsandbox.engine.webhooks;

import io.platformsandbox.engine.events.Event;
import java.time.Instant;
import java.util.List;

/**
 * A registered webhook: where to deliver which platform events, and the secret that signs them.
 *
 * @param events subscriptions: a type ({@code record.created}), a type and a collection
 *     ({@code record.created:contacts}), or {@code *} for every platform event
 * @param piiRead whether the registering app may see PII, which decides masking in payloads
 */
public record Webhook(
    String id,
    String tenant,
    String clientId,
    String url,
    List<String> events,
    String secret,
    boolean piiRead,
    Instant createdAt) {

  public Webhook {
    events = List.copyOf(events);
  }

  public boolean wants(Event event) {
    for (String sub : events) {
      if (sub.equals("*") || sub.equals(event.type())) {
        return true;
      }
      int colon = sub.indexOf(':');
      if (colon > 0
          && sub.substring(0, colon).equals(event.type())
          && sub.substring(colon + 1).equals(event.data().path("collection").asText(null))) {
        return true;
      }
    }
    return false;
  }
}

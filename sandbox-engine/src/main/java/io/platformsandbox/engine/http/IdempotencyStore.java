package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.ApiResponse;
import java.util.Optional;

/** Remembers the first answer to a creating request sent with an {@code Idempotency-Key}. */
public interface IdempotencyStore {

  /** A remembered answer and the fingerprint of the request that produced it. */
  record Entry(String fingerprint, ApiResponse response) {}

  Optional<Entry> find(String tenant, String clientId, String key);

  void remember(String tenant, String clientId, String key, Entry entry);
}

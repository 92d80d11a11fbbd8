package io.platformsandbox.engine.ratelimit;

import io.platformsandbox.engine.api.Principal;
import io.platformsandbox.engine.http.RateLimiter;
import io.platformsandbox.engine.tenants.RateLimit;
import io.platformsandbox.engine.tenants.TenantDirectory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per app, sized by its tenant's rate limit and refilled on real (monotonic)
 * time. Thread-safe: each bucket is a tiny critical section.
 */
public final class TokenBuckets implements RateLimiter {
  private static final long NANOS = 1_000_000_000L;

  private final TenantDirectory directory;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(TenantDirectory directory) {
    this(directory, System::nanoTime);
  }

  TokenBuckets(TenantDirectory directory, LongSupplier nanoTime) {
    this.directory = directory;
    this.nanoTime = nanoTime;
  }

  @Override
  public Decision acquire(Principal principal) {
    RateLimit limit = directory.rateLimit(principal.tenant());
    if (limit.isOff()) {
      return Decision.UNLIMITED;
    }
    Bucket bucket = buckets.compute(
        principal.clientId(),
        (id, existing) -> existing != null && existing.limit.equals(limit) ? existing : new Bucket(limit, nanoTime.getAsLong()));
    return bucket.take(nanoTime.getAsLong());
  }

  public void clear() {
    buckets.clear();
  }

  private static final class Bucket {
    private final RateLimit limit;
    private double tokens;
    private long refilledAt;

    Bucket(RateLimit limit, long now) {
      this.limit = limit;
      this.tokens = limit.burst();
      this.refilledAt = now;
    }

    synchronized Decision take(long now) {
      double capacity = limit.burst();
      tokens = Math.min(capacity, tokens + (now - refilledAt) * limit.perSecond() / NANOS);
      refilledAt = now;
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long reset = (long) Math.ceil((capacity - tokens) / limit.perSecond());
      long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
      return new Decision(allowed, limit.burst(), (long) Math.floor(tokens), reset, retryAfter);
    }
  }
}

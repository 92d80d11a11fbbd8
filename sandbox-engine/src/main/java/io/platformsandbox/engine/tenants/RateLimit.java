package io.platformsandbox.engine.tenants;

/**
 * A token bucket's settings for every app of a tenant.
 *
 * @param perSecond tokens added per second; 0 turns limiting off
 * @param burst the bucket size
 */
public record RateLimit(double perSecond, long burst) {
  public static final RateLimit DEFAULT = new RateLimit(100, 200);

  public boolean isOff() {
    return perSecond <= 0;
  }
}

package io.platformsandbox.engine.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Principal;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.clock.SandboxClock;
import io.platformsandbox.engine.http.Authenticator;
import io.platformsandbox.engine.tenants.App;
import io.platformsandbox.engine.tenants.TenantDirectory;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Issues and verifies the platform's access tokens: HS256-signed JWTs carrying tenant, app and
 * scopes, expiring on the sandbox clock. Verified tokens are cached so the hot path skips the MAC.
 * Thread-safe.
 */
public final class TokenService implements Authenticator {
  public static final String ISSUER = "platform-sandbox";
  private static final int CACHE_LIMIT = 10_000;

  /** A freshly issued token. */
  public record IssuedToken(String accessToken, long expiresIn, Set<Scope> scopes) {}

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final SandboxClock clock;
  private final TenantDirectory directory;
  private final Duration ttl;
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();

  public TokenService(byte[] key, SandboxClock clock, TenantDirectory directory, Duration ttl) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("token key must be at least 256 bits", e);
    }
    this.clock = clock;
    this.directory = directory;
    this.ttl = ttl;
  }

  public IssuedToken issue(App app, Set<Scope> scopes) {
    Instant now = clock.now();
    Instant expires = now.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(app.clientId())
            .claim("tenant", app.tenant())
            .claim("app", app.name())
            .claim("scope", scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(" ")))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
    return new IssuedToken(jwt.serialize(), ttl.toSeconds(), scopes);
  }

  @Override
  public Principal authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized(null, "This call needs a bearer token: get one from POST /oauth/token.");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("invalid_request", "The Authorization header must be 'Bearer <token>'.");
    }
    String token = authorization.substring(7).trim();
    Principal principal = verified.get(token);
    if (principal == null) {
      principal = verify(token);
      if (verified.size() > CACHE_LIMIT) {
        verified.clear();
      }
      verified.put(token, principal);
    }
    if (!clock.now().isBefore(principal.expiresAt())) {
      verified.remove(token);
      throw unauthorized("invalid_token", "The access token has expired; get a new one.");
    }
    if (directory.app(principal.clientId()).isEmpty()) {
      verified.remove(token);
      throw unauthorized("invalid_token", "The app of this token no longer exists.");
    }
    return principal;
  }

  private Principal verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw unauthorized("invalid_token", "The access token's signature is not valid.");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null) {
        throw unauthorized("invalid_token", "The access token was not issued by this sandbox.");
      }
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      String scope = claims.getStringClaim("scope");
      if (scope != null) {
        Arrays.stream(scope.split(" ")).forEach(s -> Scope.fromWire(s).ifPresent(scopes::add));
      }
      return new Principal(
          claims.getStringClaim("tenant"),
          claims.getSubject(),
          claims.getStringClaim("app"),
          scopes,
          claims.getExpirationTime().toInstant());
    } catch (ParseException | JOSEException e) {
      throw unauthorized("invalid_token", "The access token is malformed.");
    }
  }

  private static ApiException unauthorized(String error, String detail) {
    String challenge =
        error == null
            ? "Bearer realm=\"platform\""
            : "Bearer realm=\"platform\", error=\"" + error + "\", error_description=\"" + detail + "\"";
    return new ApiException(
        new Problem(401, "unauthorized", "Unauthorized", detail), Map.of("WWW-Authenticate", challenge));
  }

  /** Forgets cached verifications, e.g. after a reset. */
  public void clearCache() {
    verified.clear();
  }
}

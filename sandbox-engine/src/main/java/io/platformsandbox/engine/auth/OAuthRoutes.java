package io.platformsandbox.engine.auth;

import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Body;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.api.Scope;
import io.platformsandbox.engine.http.Paths;
import io.platformsandbox.engine.json.Json;
import io.platformsandbox.engine.tenants.App;
import io.platformsandbox.engine.tenants.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code POST /oauth/token}: the OAuth 2 client-credentials grant (RFC 6749 §4.4). */
public final class OAuthRoutes {
  private final TenantDirectory directory;
  private final TokenService tokens;

  public OAuthRoutes(TenantDirectory directory, TokenService tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  public List<Route> routes() {
    return List.of(Route.post("/oauth/token").open().body(Body.FORM).action("oauth.token").handle(this::token));
  }

  private ApiResponse token(ApiRequest request) {
    Map<String, List<String>> form = Paths.parseQuery(request.bodyText());
    String grant = first(form, "grant_type");
    if (grant == null) {
      throw oauthError(400, "invalid_request", "grant_type is required (client_credentials).", false);
    }
    if (!grant.equals("client_credentials")) {
      throw oauthError(
          400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.", false);
    }
    String clientId = first(form, "client_id");
    String secret = first(form, "client_secret");
    boolean basic = false;
    String authorization = request.header("Authorization").orElse(null);
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      basic = true;
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw oauthError(401, "invalid_client", "The Basic credentials are not valid base64.", true);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw oauthError(401, "invalid_client", "The Basic credentials must be 'client_id:client_secret'.", true);
      }
      clientId = Paths.parseQuery("u=" + decoded.substring(0, colon)).get("u").get(0);
      secret = Paths.parseQuery("p=" + decoded.substring(colon + 1)).getOrDefault("p", List.of("")).get(0);
    }
    if (clientId == null || secret == null) {
      throw oauthError(
          401,
          "invalid_client",
          "Client credentials are required: HTTP Basic, or client_id and client_secret form fields.",
          basic);
    }
    final boolean usedBasic = basic;
    App app =
        directory
            .authenticate(clientId, secret)
            .orElseThrow(() -> oauthError(401, "invalid_client", "Unknown client or wrong secret.", usedBasic));
    Set<Scope> granted = app.scopes();
    String scopeParam = first(form, "scope");
    Set<Scope> scopes = granted.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(granted);
    if (scopeParam != null && !scopeParam.isBlank()) {
      scopes = EnumSet.noneOf(Scope.class);
      for (String wanted : scopeParam.trim().split("\\s+")) {
        Scope scope =
            Scope.fromWire(wanted)
                .orElseThrow(() -> oauthError(400, "invalid_scope", "Unknown scope '" + wanted + "'.", false));
        if (!granted.contains(scope)) {
          throw oauthError(
              400, "invalid_scope", "The app was not granted the scope '" + wanted + "'.", false);
        }
        scopes.add(scope);
      }
    }
    TokenService.IssuedToken token = tokens.issue(app, scopes);
    var body = Json.object();
    body.put("access_token", token.accessToken());
    body.put("token_type", "Bearer");
    body.put("expires_in", token.expiresIn());
    body.put("scope", scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(" ")));
    return ApiResponse.ok(body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static ApiException oauthError(int status, String error, String description, boolean basic) {
    Problem problem =
        new Problem(
            status,
            "oauth-" + error.replace('_', '-'),
            status == 401 ? "Unauthorized" : "Bad request",
            description,
            Map.of(),
            Map.of("error", error, "error_description", description));
    // RFC 6749 clients check for application/json; the body is still a problem document.
    return basic
        ? new ApiException(
            problem, Map.of("WWW-Authenticate", "Basic realm=\"platform\"", "Content-Type", ApiResponse.JSON))
        : new ApiException(problem, Map.of("Content-Type", ApiResponse.JSON));
  }
}

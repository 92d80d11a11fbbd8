package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.HttpMethod;
import io.platformsandbox.engine.api.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches decoded path segments against the route table. Literal segments win over parameters, so
 * {@code /v1/collections/{c}/export} and {@code /v1/collections/{c}/records} never shadow each other.
 * Immutable and thread-safe once built.
 */
public final class Router {

  /** The outcome of a lookup. */
  public sealed interface Match {}

  public record Found(Route route, Map<String, String> params) implements Match {}

  public record WrongMethod(Set<HttpMethod> allowed) implements Match {}

  public record NotFound() implements Match {}

  private record Compiled(Route route, String[] segments) {}

  private final List<Compiled> routes = new ArrayList<>();

  public Router(List<Route> table) {
    for (Route route : table) {
      String[] segments = split(route.path());
      for (Compiled existing : routes) {
        if (existing.route.method() == route.method()
            && String.join("/", shape(existing.segments)).equals(String.join("/", shape(segments)))) {
          throw new IllegalArgumentException(
              "duplicate route " + route.method() + " " + route.path() + " and " + existing.route.path());
        }
      }
      routes.add(new Compiled(route, segments));
    }
    // Most literal first: a literal segment outranks a parameter at the same position.
    routes.sort((a, b) -> rank(b.segments).compareTo(rank(a.segments)));
  }

  public List<Route> routes() {
    return routes.stream().map(Compiled::route).toList();
  }

  public Match match(HttpMethod method, List<String> segments) {
    EnumSet<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
    Found getForHead = null;
    for (Compiled compiled : routes) {
      Map<String, String> params = bind(compiled.segments, segments);
      if (params == null) {
        continue;
      }
      HttpMethod routeMethod = compiled.route.method();
      if (routeMethod == method) {
        return new Found(compiled.route, params);
      }
      if (method == HttpMethod.HEAD && routeMethod == HttpMethod.GET && getForHead == null) {
        getForHead = new Found(compiled.route, params);
      }
      allowed.add(routeMethod);
    }
    if (getForHead != null) {
      return getForHead;
    }
    return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
  }

  /** Every method some route serves at this path; empty when none does. */
  public Set<HttpMethod> allowed(List<String> segments) {
    EnumSet<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
    for (Compiled compiled : routes) {
      if (bind(compiled.segments, segments) != null) {
        allowed.add(compiled.route.method());
      }
    }
    if (allowed.contains(HttpMethod.GET)) {
      allowed.add(HttpMethod.HEAD); // every GET answers HEAD too
    }
    return allowed;
  }

  private static Map<String, String> bind(String[] template, List<String> actual) {
    Map<String, String> params = null;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("+}")) {
        if (actual.size() <= i) {
          return null;
        }
        if (params == null) {
          params = new HashMap<>(4);
        }
        params.put(t.substring(1, t.length() - 2), String.join("/", actual.subList(i, actual.size())));
        return params;
      }
      if (i >= actual.size()) {
        return null;
      }
      String a = actual.get(i);
      if (t.startsWith("{")) {
        if (a.isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new HashMap<>(4);
        }
        params.put(t.substring(1, t.length() - 1), a);
      } else if (!t.equals(a)) {
        return null;
      }
    }
    if (template.length != actual.size()) {
      return null;
    }
    return params == null ? Collections.emptyMap() : params;
  }

  private static String[] split(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /: " + path);
    }
    return path.substring(1).split("/", -1);
  }

  private static List<String> shape(String[] segments) {
    List<String> shape = new ArrayList<>();
    for (String s : segments) {
      shape.add(s.startsWith("{") ? "{}" : s);
    }
    return shape;
  }

  private static String rank(String[] segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append(s.startsWith("{") ? (s.endsWith("+}") ? '0' : '1') : '2');
    }
    return sb.toString();
  }
}

package io.platformsandbox.engine.plugins.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.platformsandbox.engine.api.ApiRequest;
import io.platformsandbox.engine.api.ApiResponse;
import io.platformsandbox.engine.api.Pages;
import io.platformsandbox.engine.api.Route;
import io.platformsandbox.engine.json.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /v1/marketplace/plugins}: the registry, read-only, for any valid token (see
 * docs/decisions/0007-bundles-and-registry.md). The index is read on every call, so a publish from
 * the CLI shows up at once; {@code index.json} is replaced atomically, so a reader never sees half
 * of one.
 */
public final class MarketplaceRoutes {
  private final Registry registry;

  /** @param registryDir the registry folder, or {@code null} to serve an empty marketplace */
  public MarketplaceRoutes(Path registryDir) {
    this.registry = registryDir == null ? null : new Registry(registryDir);
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/marketplace/plugins").anyToken().action("marketplace.plugins.list").handle(this::list));
  }

  private ApiResponse list(ApiRequest request) {
    int limit = Pages.limit(request);
    JsonNode cursor = Pages.cursor(request);
    String after = cursor == null ? null : cursor.asText();
    List<RegistryPlugin> plugins =
        (registry == null ? List.<RegistryPlugin>of() : registry.plugins())
            .stream()
            .filter(p -> after == null || p.id().compareTo(after) > 0)
            .toList();
    List<RegistryPlugin> page = plugins.subList(0, Math.min(limit, plugins.size()));
    boolean more = plugins.size() > limit;
    return ApiResponse.ok(
        Pages.page(page.stream().map(MarketplaceRoutes::json).toList(), more ? TextNode.valueOf(page.get(page.size() - 1).id()) : null));
  }

  private static ObjectNode json(RegistryPlugin p) {
    ObjectNode n = Json.object();
    n.put("id", p.id());
    n.put("name", p.name());
    n.put("publisher", p.publisher());
    n.put("description", p.description());
    n.put("latest_version", p.latestVersion());
    n.put("publisher_key_sha256", p.publisherKeySha256());
    ArrayNode versions = n.putArray("versions");
    for (RegistryVersion v : p.versions()) {
      ObjectNode vn = versions.addObject();
      vn.put("version", v.version());
      vn.put("sha256", v.sha256());
      vn.put("size", v.size());
      vn.put("published_at", v.publishedAt());
    }
    return n;
  }
}

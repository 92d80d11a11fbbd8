package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A file in a tenant's file store. */
public record FileInfo(String tenant, String path, long size, String sha256, String contentType, String updatedAt) {
  public static FileInfo from(String tenant, JsonNode n) {
    return new FileInfo(
        tenant,
        n.path("path").asText(),
        n.path("size").asLong(),
        n.path("sha256").asText(""),
        n.path("content_type").asText(""),
        n.path("updated_at").asText(""));
  }
}

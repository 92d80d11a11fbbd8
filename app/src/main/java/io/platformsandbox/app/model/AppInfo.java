package io.platformsandbox.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A registered app (an integration's OAuth client) as the control API shows it. */
public record AppInfo(String clientId, String clientSecret, String tenant, String name, List<String> scopes, String createdAt) {
  /** The name of the app the workbench registers in a tenant to browse its data. */
  public static final String WORKBENCH_APP = "workbench";

  public AppInfo {
    scopes = List.copyOf(scopes);
  }

  public static AppInfo from(JsonNode n) {
    List<String> scopes = new ArrayList<>();
    n.path("scopes").forEach(s -> scopes.add(s.asText()));
    return new AppInfo(
        n.path("client_id").asText(),
        n.path("client_secret").asText(""),
        n.path("tenant").asText(),
        n.path("name").asText(),
        scopes,
        n.path("created_at").asText(""));
  }

  public boolean isWorkbench() {
    return WORKBENCH_APP.equals(name);
  }

  /** "crm-sync (acme)" */
  public String label() {
    return name + " (" + tenant + ")";
  }

  @Override
  public String toString() {
    return label();
  }
}

package io.platformsandbox.engine.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.engine.testsupport.AllScopes;
import io.platformsandbox.engine.testsupport.RunningEngine;
import io.platformsandbox.engine.testsupport.SandboxClient;
import io.platformsandbox.engine.testsupport.SandboxClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotsAcceptanceTest {
  @RegisterExtension static RunningEngine engine = new RunningEngine();
  private SandboxClient client;
  private String token;

  @BeforeEach
  void seed() {
    client = engine.client();
    client.post("/_sandbox/tenants", null, Map.of("id", "acme", "rate_limit", Map.of("per_second", 0)));
    token = client.token(client.createApp("acme", "full", AllScopes.WIRE));
    client.post("/v1/collections", token, Map.of("name", "notes", "fields", List.of(Map.of("name", "text", "type", "string", "indexed", true))));
    for (int i = 0; i < 5; i++) {
      client.post("/v1/collections/notes/records", token, Map.of("text", "note " + i));
    }
    client.send("PUT", "/v1/files/docs/readme.txt", token, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
  }

  /** Everything a user can observe, as one comparable value. */
  private String state(String t) {
    return String.join("\n",
        client.get("/_sandbox/tenants", null).text(),
        client.get("/_sandbox/apps", null).text(),
        client.get("/v1/collections", t).text(),
        client.get("/v1/collections/notes/records?limit=500", t).text(),
        client.get("/v1/files", t).text(),
        client.get("/v1/files/docs/readme.txt", t).text(),
        client.get("/v1/topics/platform/events?limit=500", t).text());
  }

  @Test
  void exportThenImportRestoresTheSameState() {
    String before = state(token);
    byte[] archive = client.get("/_sandbox/export", null).bytes();
    client.post("/v1/collections/notes/records", token, Map.of("text", "after the export"));
    client.delete("/v1/files/docs/readme.txt", token);
    client.post("/_sandbox/tenants", null, Map.of("id", "extra"));
    Response imported = client.send("POST", "/_sandbox/import", null, "application/zip", archive);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(state(token)).isEqualTo(before);
    // the restored state keeps working: writes get fresh ids and offsets
    assertThat(client.post("/v1/collections/notes/records", token, Map.of("text", "new")).status()).isEqualTo(201);
  }

  @Test
  void namedSnapshotsRestore() {
    String before = state(token);
    assertThat(client.post("/_sandbox/snapshots", null, Map.of("name", "clean")).status()).isEqualTo(201);
    assertThat(client.post("/_sandbox/snapshots", null, Map.of("name", "clean")).status()).isEqualTo(409);
    client.post("/v1/collections/notes/records", token, Map.of("text", "later"));
    assertThat(client.send("POST", "/_sandbox/snapshots/clean/restore", null, null, null).status()).isEqualTo(200);
    assertThat(state(token)).isEqualTo(before);
    assertThat(client.get("/_sandbox/snapshots", null).json().get("data").get(0).get("name").asText()).isEqualTo("clean");
    assertThat(client.send("POST", "/_sandbox/snapshots/nope/restore", null, null, null).status()).isEqualTo(404);
  }

  @Test
  void truncatedCorruptedAndForeignFilesAreRefusedAndChangeNothing() throws Exception {
    byte[] archive = client.get("/_sandbox/export", null).bytes();
    String before = state(token);
    byte[] truncated = Arrays.copyOf(archive, archive.length / 2);
    byte[] flipped = archive.clone();
    flipped[flipped.length / 3] ^= 0x5a;
    byte[] foreignZip = zip(Map.of("hello.txt", "not a snapshot"));
    byte[] tampered = retamper(archive);
    for (byte[] bad : List.of(truncated, flipped, foreignZip, "plain text".getBytes(StandardCharsets.UTF_8), tampered)) {
      Response r = client.send("POST", "/_sandbox/import", null, "application/zip", bad);
      assertThat(r.status()).as(r.toString()).isIn(400, 422);
      assertThat(r.json().get("detail").asText()).contains("Nothing was changed");
      assertThat(state(token)).isEqualTo(before);
    }
  }

  /** The same archive with database.sql edited but the manifest left alone. */
  private static byte[] retamper(byte[] archive) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive)); ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("database.sql")) {
          content = new String(content, StandardCharsets.UTF_8).replace("note 1", "note X").getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(content);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] zip(Map<String, String> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (var e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void fixturesLoadFromYamlAndBadFixturesLoadNothing() {
    String yaml = """
        collections:
          - name: contacts
            subject_field: subject_id
            fields:
              - {name: name, type: string, required: true}
              - {name: email, type: string, classification: pii}
              - {name: subject_id, type: string}
        records:
          contacts:
            - {name: Ann Lee, email: ann@example.com, subject_id: s-1}
            - {name: Bo Chen, email: bo@example.com, subject_id: s-2}
        """;
    Response r = client.send("POST", "/_sandbox/fixtures?tenant=acme", null, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("records_created").asInt()).isEqualTo(2);
    JsonNode rows = client.get("/v1/collections/contacts/records", token).json().get("data");
    assertThat(rows).extracting(n -> n.get("name").asText()).containsExactly("Ann Lee", "Bo Chen");

    String bad = """
        records:
          notes:
            - {text: fine}
            - {text: 42}
          ghosts:
            - {boo: 1}
        """;
    Response refused = client.send("POST", "/_sandbox/fixtures?tenant=acme", null, "application/yaml", bad.getBytes(StandardCharsets.UTF_8));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("errors").fieldNames()).toIterable().contains("records.notes[1].text", "records.ghosts");
    assertThat(client.get("/v1/collections/notes/records", token).json().get("data")).hasSize(5);
  }
}

package io.platformsandbox.engine.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.engine.api.ApiException;
import io.platformsandbox.engine.api.Problem;
import io.platformsandbox.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one-file form of the whole sandbox state: a zip of {@code database.sql} (H2 script), the file
 * bodies under {@code files/<tenant>/<sha256>}, and last {@code snapshot.json}, whose SHA-256 of
 * every other entry lets an import refuse a truncated, altered or foreign file before touching
 * anything.
 */
final class SnapshotFormat {
  static final String FORMAT = "platform-sandbox-snapshot";
  static final int VERSION = 1;
  static final String MANIFEST = "snapshot.json";
  static final String DATABASE = "database.sql";

  private SnapshotFormat() {}

  /** Writes the entries and then the manifest that lists their hashes. */
  static void write(OutputStream out, Map<String, byte[]> entries, ObjectNode manifestBase) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    ObjectNode manifest = manifestBase.deepCopy();
    manifest.put("format", FORMAT);
    manifest.put("format_version", VERSION);
    ObjectNode hashes = manifest.putObject("entries");
    for (var e : entries.entrySet()) {
      zip.putNextEntry(new ZipEntry(e.getKey()));
      zip.write(e.getValue());
      zip.closeEntry();
      hashes.put(e.getKey(), sha256(e.getValue()));
    }
    zip.putNextEntry(new ZipEntry(MANIFEST));
    zip.write(Json.bytes(manifest));
    zip.closeEntry();
    zip.finish();
    out.flush();
  }

  /** Reads and fully checks an archive; any problem is a 422 that says what is wrong. */
  static Map<String, byte[]> read(byte[] archive) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (name.startsWith("/") || name.contains("..") || name.contains("\\") || entry.isDirectory()) {
          throw invalid("The snapshot holds an unsafe entry name: '" + name + "'.");
        }
        if (entries.put(name, zip.readAllBytes()) != null) {
          throw invalid("The snapshot holds the entry '" + name + "' twice.");
        }
      }
    } catch (ZipException e) {
      throw invalid("The file is not a readable snapshot archive (" + e.getMessage() + ").");
    } catch (IOException e) {
      throw invalid("The snapshot archive is truncated or damaged (" + e.getMessage() + ").");
    }
    byte[] manifestBytes = entries.get(MANIFEST);
    if (entries.isEmpty()) {
      throw invalid("The file is empty or not a zip archive; a snapshot export is expected.");
    }
    if (manifestBytes == null) {
      throw invalid("The archive has no " + MANIFEST + ": it is not a Platform Sandbox snapshot, or it is truncated.");
    }
    JsonNode manifest;
    try {
      manifest = Json.MAPPER.readTree(manifestBytes);
    } catch (IOException e) {
      throw invalid("The snapshot's " + MANIFEST + " is not valid JSON.");
    }
    if (!FORMAT.equals(manifest.path("format").asText())) {
      throw invalid("The archive is not a Platform Sandbox snapshot (format '" + manifest.path("format").asText() + "').");
    }
    if (manifest.path("format_version").asInt() != VERSION) {
      throw invalid("The snapshot has format version " + manifest.path("format_version") + "; this sandbox reads version " + VERSION + ".");
    }
    JsonNode hashes = manifest.path("entries");
    for (Iterator<Map.Entry<String, JsonNode>> it = hashes.fields(); it.hasNext(); ) {
      var h = it.next();
      byte[] content = entries.get(h.getKey());
      if (content == null) {
        throw invalid("The snapshot is missing its entry '" + h.getKey() + "' (truncated?).");
      }
      if (!sha256(content).equals(h.getValue().asText())) {
        throw invalid("The snapshot's entry '" + h.getKey() + "' does not match its checksum: the file was changed or damaged.");
      }
    }
    for (String name : entries.keySet()) {
      if (!name.equals(MANIFEST) && !hashes.has(name)) {
        throw invalid("The snapshot holds an entry its manifest does not list: '" + name + "'.");
      }
    }
    if (!entries.containsKey(DATABASE)) {
      throw invalid("The snapshot has no " + DATABASE + ".");
    }
    return entries;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(new Problem(422, "invalid-snapshot", "Invalid snapshot", detail + " Nothing was changed."));
  }
}

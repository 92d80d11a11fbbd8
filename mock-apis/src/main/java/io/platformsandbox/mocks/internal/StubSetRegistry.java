package io.platformsandbox.mocks.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.platformsandbox.mocks.proxy.HostNames;
import io.platformsandbox.mocks.stubs.StubSet;
import io.platformsandbox.mocks.stubs.StubSets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The stub sets, and the WireMock default-mappings loader that installs the enabled ones (at start
 * and after every WireMock reset). Each installed mapping carries {@code metadata.sandbox.stubSet}
 * so that a set can be removed as a whole.
 */
final class StubSetRegistry implements StubSets, MappingsLoaderExtension {

  /** Built-in set name → the host its mappings answer for. */
  static final Map<String, String> BUILT_IN =
      Map.of("crm", "api.crm.example", "payments", "api.payments.example");

  private static final String RESOURCE_DIR = "/io/platformsandbox/mocks/stubsets/";

  private final Map<String, State> sets = new LinkedHashMap<>();
  private volatile WireMockServer server;

  private record State(
      String name, StubSet.Source source, Path folder, Set<String> hosts, List<String> mappings,
      boolean enabled) {
    StubSet view() {
      return new StubSet(name, source, folder, hosts, mappings.size(), enabled);
    }

    State enabled(boolean on) {
      return new State(name, source, folder, hosts, mappings, on);
    }
  }

  StubSetRegistry() {
    for (String name : List.of("crm", "payments")) {
      String resource = RESOURCE_DIR + name + ".json";
      try (InputStream in = StubSetRegistry.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("built-in stub set missing: " + resource);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<String> mappings = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        prepareFile(name, text, resource, null, BUILT_IN.get(name), mappings, hosts);
        sets.put(name, new State(name, StubSet.Source.BUILT_IN, null, hosts, mappings, true));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  void bind(WireMockServer wireMockServer) {
    this.server = wireMockServer;
  }

  @Override
  public String getName() {
    return "platform-sandbox-stub-sets";
  }

  /** WireMock calls this when it (re)loads its default mappings. */
  @Override
  public synchronized void loadMappingsInto(StubMappings stubMappings) {
    for (State s : sets.values()) {
      if (s.enabled()) {
        for (String json : s.mappings()) {
          stubMappings.addMapping(StubMapping.buildFrom(json));
        }
      }
    }
  }

  @Override
  public List<String> builtInNames() {
    return List.of("crm", "payments");
  }

  @Override
  public StubSet load(String name, Path folder, String defaultHost) {
    requireName(name);
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("stub set folder not found: " + folder);
    }
    List<String> mappings = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(p -> !folder.relativize(p).toString().replace('\\', '/').contains("__files"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String host = hostFromFolder(folder, file);
      prepareFile(
          name, text, folder.relativize(file).toString(), folder, host != null ? host : defaultHost,
          mappings, hosts);
    }
    return put(new State(name, StubSet.Source.FOLDER, folder, hosts, mappings, true));
  }

  /** Installs mappings made elsewhere (the recorder) as a set, optionally writing them out. */
  StubSet loadMappings(
      String name, StubSet.Source source, List<StubMapping> made, String host, Path saveTo) {
    requireName(name);
    List<String> mappings = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    ArrayNode all = Json.MAPPER.createArrayNode();
    for (StubMapping m : made) {
      all.add(Json.read(StubMapping.buildJsonStringFor(m)));
    }
    ObjectNode wrapper = Json.MAPPER.createObjectNode();
    wrapper.set("mappings", all);
    prepareFile(name, Json.write(wrapper), name, null, host, mappings, hosts);
    if (saveTo != null) {
      write(saveTo, mappings);
    }
    return put(new State(name, source, saveTo, hosts, mappings, true));
  }

  @Override
  public synchronized List<StubSet> list() {
    return sets.values().stream().map(State::view).toList();
  }

  @Override
  public synchronized Optional<StubSet> get(String name) {
    return Optional.ofNullable(sets.get(name)).map(State::view);
  }

  @Override
  public synchronized StubSet enable(String name) {
    State s = require(name).enabled(true);
    uninstall(name);
    install(s);
    sets.put(name, s);
    return s.view();
  }

  @Override
  public synchronized StubSet disable(String name) {
    State s = require(name).enabled(false);
    uninstall(name);
    sets.put(name, s);
    return s.view();
  }

  @Override
  public synchronized void remove(String name) {
    if (sets.remove(name) != null) {
      uninstall(name);
    }
  }

  /** Whether some installed stub names {@code host} in its request pattern. */
  boolean covers(String host) {
    WireMockServer s = server;
    if (s == null) {
      return false;
    }
    String h = HostNames.normalize(host);
    for (StubMapping m : s.getStubMappings()) {
      StringValuePattern p = m.getRequest().getHost();
      if (p != null && p.match(h).isExactMatch()) {
        return true;
      }
    }
    return false;
  }

  private synchronized StubSet put(State s) {
    uninstall(s.name());
    sets.put(s.name(), s);
    install(s);
    return s.view();
  }

  private void install(State s) {
    WireMockServer wm = server;
    if (wm == null || !s.enabled()) {
      return;
    }
    for (String json : s.mappings()) {
      wm.addStubMapping(StubMapping.buildFrom(json));
    }
  }

  private void uninstall(String name) {
    WireMockServer wm = server;
    if (wm != null) {
      wm.removeStubsByMetadata(matchingJsonPath("$.sandbox.stubSet", equalTo(name)));
    }
  }

  private State require(String name) {
    State s = sets.get(name);
    if (s == null) {
      throw new NoSuchElementException("no stub set named '" + name + "'");
    }
    return s;
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException(
          "stub set name must be 1-100 letters, digits, '.', '_' or '-': " + name);
    }
  }

  /** {@code mocks/api.crm.example/x.json} answers for {@code api.crm.example}. */
  private static String hostFromFolder(Path root, Path file) {
    Path rel = root.relativize(file);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      String seg = rel.getName(i).toString();
      if (seg.contains(".") && seg.matches("[A-Za-z0-9*.-]+")) {
        return seg;
      }
    }
    return null;
  }

  /**
   * Turns one mapping file (a mapping or {@code {"mappings": [...]}}) into installable mappings:
   * host matcher, inlined body files, metadata, stable ids; validated by WireMock's own parser.
   */
  private static void prepareFile(
      String setName, String text, String fileLabel, Path folder, String host, List<String> out,
      Set<String> hosts) {
    JsonNode root;
    try {
      root = Json.read(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(fileLabel + ": " + e.getMessage(), e);
    }
    List<JsonNode> mappings = new ArrayList<>();
    if (root.has("mappings") && root.get("mappings").isArray()) {
      root.get("mappings").forEach(mappings::add);
    } else {
      mappings.add(root);
    }
    int index = 0;
    for (JsonNode node : mappings) {
      if (!(node instanceof ObjectNode m) || !m.has("request") || !m.has("response")) {
        throw new IllegalArgumentException(
            fileLabel + ": not a WireMock stub mapping (needs \"request\" and \"response\")");
      }
      m.remove("persistent");
      m.remove("insertionIndex");
      ObjectNode request = (ObjectNode) m.get("request");
      if (!request.has("host") && host != null) {
        request.putObject("host").put("equalTo", HostNames.normalize(host));
      }
      if (request.path("host").has("equalTo")) {
        hosts.add(request.path("host").get("equalTo").asText());
      }
      if (folder != null && m.get("response") instanceof ObjectNode response) {
        inlineBodyFile(response, folder, fileLabel);
      }
      ObjectNode metadata =
          m.get("metadata") instanceof ObjectNode md ? md : m.putObject("metadata");
      metadata.putObject("sandbox").put("stubSet", setName);
      String id = m.hasNonNull("id") ? m.get("id").asText() : m.path("uuid").asText(null);
      if (id == null) {
        id =
            UUID.nameUUIDFromBytes(
                    (setName + "|" + fileLabel + "|" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
      }
      m.put("id", id);
      m.put("uuid", id);
      String json = Json.write(m);
      try {
        StubMapping.buildFrom(json);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            fileLabel + ": invalid stub mapping: " + e.getMessage(), e);
      }
      out.add(json);
      index++;
    }
  }

  private static void inlineBodyFile(ObjectNode response, Path folder, String fileLabel) {
    String name = response.path("bodyFileName").asText(null);
    if (name == null || name.contains("{{")) {
      return;
    }
    Path file = folder.resolve("__files").resolve(name).normalize();
    if (!Files.exists(file) && folder.getParent() != null) {
      file = folder.getParent().resolve("__files").resolve(name).normalize();
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          fileLabel + ": bodyFileName '" + name + "' not found under " + folder.resolve("__files"));
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        response.put("body", text);
      } catch (CharacterCodingException binary) {
        response.put("base64Body", Base64.getEncoder().encodeToString(bytes));
      }
      response.remove("bodyFileName");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path folder, List<String> mappings) {
    try {
      Files.createDirectories(folder);
      int i = 1;
      for (String json : mappings) {
        JsonNode m = Json.read(json);
        String method = m.path("request").path("method").asText("ANY").toLowerCase();
        String url =
            m.path("request").path("url").asText(m.path("request").path("urlPath").asText(""));
        String slug = url.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        String file = String.format("%03d-%s-%s.json", i++, method, slug.isEmpty() ? "root" : slug);
        Files.writeString(
            folder.resolve(file),
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.platformsandbox.mocks.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.recordSpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.JournalQuery;
import io.platformsandbox.mocks.journal.Verdict;
import io.platformsandbox.mocks.proxy.HostNames;
import io.platformsandbox.mocks.recording.Recording;
import io.platformsandbox.mocks.recording.Recordings;
import io.platformsandbox.mocks.stubs.StubSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Recording with WireMock's own machinery: a high-priority proxy stub for the host while
 * recording, then WireMock's snapshot of the proxied serve events turned into a stub set.
 */
final class Recorder implements Recordings {

  private final Supplier<WireMockServer> server;
  private final EgressJournal journal;
  private final StubSetRegistry stubSets;
  private final Path rootDir;
  private final Map<String, Active> active = new LinkedHashMap<>();

  private record Active(Recording recording, UUID proxyStubId) {}

  Recorder(
      Supplier<WireMockServer> server, EgressJournal journal, StubSetRegistry stubSets,
      Path rootDir) {
    this.server = server;
    this.journal = journal;
    this.stubSets = stubSets;
    this.rootDir = rootDir;
  }

  @Override
  public synchronized Recording start(String host, String targetBaseUrl) {
    String h = HostNames.normalize(host);
    if (h.isEmpty()) {
      throw new IllegalArgumentException("host is required");
    }
    URI target;
    try {
      target = URI.create(targetBaseUrl);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("target_base_url is not a URL: " + targetBaseUrl);
    }
    if (target.getHost() == null
        || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
      throw new IllegalArgumentException(
          "target_base_url must be an absolute http(s) URL: " + targetBaseUrl);
    }
    if (active.containsKey(h)) {
      throw new IllegalStateException(h + " is already being recorded");
    }
    String base = targetBaseUrl.endsWith("/")
        ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1)
        : targetBaseUrl;
    StubMapping proxy =
        any(anyUrl())
            .withHost(equalTo(h))
            .atPriority(1)
            .withMetadata(Map.of("sandbox", Map.of("recording", h)))
            .willReturn(aResponse().proxiedFrom(base))
            .build();
    requireServer().addStubMapping(proxy);
    Recording recording = new Recording(h, base, Instant.now());
    active.put(h, new Active(recording, proxy.getId()));
    return recording;
  }

  @Override
  public synchronized StubSet stop(String host, Path saveTo) {
    String h = HostNames.normalize(host);
    Active a = active.remove(h);
    if (a == null) {
      throw new NoSuchElementException(h + " is not being recorded");
    }
    WireMockServer wm = requireServer();
    wm.removeStubMapping(a.proxyStubId());
    List<UUID> ids = new ArrayList<>();
    for (JournalEntry e :
        journal.entries(
            JournalQuery.all()
                .withHost(h)
                .withVerdict(Verdict.RECORDED)
                .withSince(a.recording().startedAt()))) {
      if (e.serveEventId() != null) {
        ids.add(UUID.fromString(e.serveEventId()));
      }
    }
    List<StubMapping> made = new ArrayList<>();
    if (!ids.isEmpty()) {
      made.addAll(
          wm.snapshotRecord(
                  recordSpec()
                      .onlyRequestIds(ids)
                      .extractTextBodiesOver(Long.MAX_VALUE)
                      .extractBinaryBodiesOver(Long.MAX_VALUE)
                      .makeStubsPersistent(false))
              .getStubMappings());
      // the snapshot installs its stubs bare; they come back below as a stub set
      for (StubMapping m : made) {
        wm.removeStubMapping(m.getId());
      }
    }
    Path folder = saveTo;
    if (folder == null && rootDir != null) {
      folder = rootDir.resolve("stub-sets").resolve("recorded-" + h);
    }
    return stubSets.loadMappings("recorded-" + h, StubSet.Source.RECORDING, made, h, folder);
  }

  @Override
  public synchronized List<Recording> active() {
    return active.values().stream().map(Active::recording).toList();
  }

  synchronized void stopAllWithoutSaving() {
    WireMockServer wm = server.get();
    for (Active a : active.values()) {
      if (wm != null) {
        wm.removeStubMapping(a.proxyStubId());
      }
    }
    active.clear();
  }

  private WireMockServer requireServer() {
    WireMockServer wm = server.get();
    if (wm == null) {
      throw new IllegalStateException("the mock server is not started");
    }
    return wm;
  }
}

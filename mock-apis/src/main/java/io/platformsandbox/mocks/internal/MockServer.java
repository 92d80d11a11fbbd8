package io.platformsandbox.mocks.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.platformsandbox.mocks.faults.Faults;
import io.platformsandbox.mocks.journal.Journal;
import io.platformsandbox.mocks.proxy.Egress;
import io.platformsandbox.mocks.recording.Recordings;
import io.platformsandbox.mocks.stubs.StubSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Assembles WireMock and the sandbox's parts; {@link io.platformsandbox.mocks.MockApis} is its
 * public face. Not for use outside this module.
 */
public final class MockServer {

  private final String host;
  private final int requestedPort;
  private final Path rootDir;
  private final EgressRegistry egress;
  private final StubSetRegistry stubSets = new StubSetRegistry();
  private final FaultInjector faults = new FaultInjector();
  private final EgressJournal journal = new EgressJournal(Journal.CAPACITY);
  private final Recorder recorder;
  private final CaStore ca;
  private volatile WireMockServer server;
  private Path tempRoot;

  public MockServer(String host, int port, Path rootDir) {
    this.host = host;
    this.requestedPort = port;
    this.rootDir = rootDir;
    this.ca = new CaStore(rootDir);
    this.egress = new EgressRegistry(urlHost(host), this::port, ca);
    this.egress.coveredBy(stubSets::covers);
    this.recorder = new Recorder(() -> server, journal, stubSets, rootDir);
  }

  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    Path files = rootDir;
    try {
      if (files == null) {
        // WireMock needs a file root; without one it would read src/test/resources of the cwd
        tempRoot = Files.createTempDirectory("platform-sandbox-mocks");
        files = tempRoot;
      } else {
        Files.createDirectories(files.resolve("mappings"));
        Files.createDirectories(files.resolve("__files"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SandboxEndpoints endpoints =
        new SandboxEndpoints(egress, stubSets, faults, journal, recorder, this::reset);
    WireMockConfiguration options =
        options()
            .bindAddress(host)
            .port(requestedPort)
            .usingFilesUnderDirectory(files.toString())
            .withStores(new SandboxStores(new SingleRootFileSource(files.toString()), journal))
            .enableBrowserProxying(true)
            .proxyPassThrough(false)
            .maxRequestJournalEntries(Journal.CAPACITY)
            .notifier(new Slf4jNotifier(false))
            .withTemplateEscapingDisabled(true)
            .extensions(stubSets, faults, new JournalRecorder(journal))
            .httpServerFactory(
                new SandboxHttpServerFactory(
                    new SandboxJettyServer.Parts(egress, journal, endpoints, ca, host)));
    WireMockServer wm = new WireMockServer(options);
    stubSets.bind(wm);
    journal.bind(wm);
    try {
      wm.start();
    } catch (RuntimeException e) {
      stubSets.bind(null);
      deleteTempRoot();
      throw e;
    }
    server = wm;
  }

  public int port() {
    WireMockServer wm = server;
    if (wm == null) {
      throw new IllegalStateException("not started");
    }
    return wm.port();
  }

  public WireMockServer wireMock() {
    return server;
  }

  public Egress egress() {
    return egress;
  }

  public StubSets stubSets() {
    return stubSets;
  }

  public Faults faults() {
    return faults;
  }

  public Journal journal() {
    return journal;
  }

  public Recordings recordings() {
    return recorder;
  }

  /** Stops recordings, clears faults, WireMock (back to the enabled stub sets) and the journal. */
  public void reset() {
    recorder.stopAllWithoutSaving();
    faults.clear();
    WireMockServer wm = server;
    if (wm != null) {
      wm.resetAll();
    }
    journal.clear();
  }

  public synchronized void stop() {
    WireMockServer wm = server;
    server = null;
    if (wm != null) {
      wm.stop();
    }
    stubSets.bind(null);
    journal.bind(null);
    deleteTempRoot();
  }

  private void deleteTempRoot() {
    if (tempRoot == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tempRoot)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir; the OS cleans up
    }
    tempRoot = null;
  }

  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}

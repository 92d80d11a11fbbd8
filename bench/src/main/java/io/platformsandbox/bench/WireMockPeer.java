package io.platformsandbox.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * Plain WireMock (the wiremock-jetty12 the project depends on), on its own, in its own JVM: the
 * peer the engine's GET is compared with. Started by {@link Bench} as a child process; prints
 * {@code WIREMOCK_PORT <port>} when ready and runs until killed. Stubs arrive over its admin API.
 *
 * <p>Options are WireMock's defaults, bound to loopback on a free port, except that the request
 * journal is off unless {@code --journal} is given: the journal keeps every request in memory and
 * slows WireMock down as a run goes on, so without it the peer is at its fastest (the comparison
 * is the stricter for it).
 */
public final class WireMockPeer {
  private WireMockPeer() {}

  public static void main(String[] args) throws Exception {
    boolean journal = args.length > 0 && args[0].equals("--journal");
    WireMockConfiguration options = options().bindAddress("127.0.0.1").port(0);
    if (!journal) {
      options.disableRequestJournal();
    }
    WireMockServer server = new WireMockServer(options);
    server.start();
    System.out.println("WIREMOCK_PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}

package io.platformsandbox.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import io.platformsandbox.mocks.MockApis;
import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Egress proxy overhead (QUALITY.md: at most 2 ms added at the median): the same WireMock stub
 * called straight on the mock server and through the egress proxy with a plugin identity, by one
 * keep-alive client, the two paths interleaved in small blocks so that both see the same JIT state
 * and machine noise. Prints median and p99 of each and the difference; measures, never asserts.
 *
 * <p>Both paths run the whole mock server (journal included); the proxy path adds what a plugin's
 * egress pays on top: absolute-form parsing, proxy credentials, the declared-host and stub-cover
 * checks.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/runtime-classpath.txt) \
 *     io.platformsandbox.bench.ProxyOverheadBench [--requests N] [--warmup N] [--block N]
 * </pre>
 */
public final class ProxyOverheadBench {

  private static final String HOST = "api.bench.example";
  private static final String PATH = "/v1/contacts/ct_8kq2m4x7p1z9r3t5";
  private static final String BODY =
      "{\"id\":\"ct_8kq2m4x7p1z9r3t5\",\"object\":\"contact\",\"email\":\"ann.lee@example.com\","
          + "\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"phone\":\"+1-415-555-0132\","
          + "\"company\":\"Acme Corp\",\"lifecycle_stage\":\"customer\",\"owner_id\":\"usr_4f9a2c\","
          + "\"tags\":[\"newsletter\",\"q3-campaign\"],\"created_at\":\"2025-03-14T09:26:53Z\"}";

  private ProxyOverheadBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int requests = intArg(args, "--requests", 5_000);
    int warmup = intArg(args, "--warmup", 3_000);
    int block = intArg(args, "--block", 50);

    try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
      mocks.start();
      // one stub that answers both the proxied host and direct calls, so both paths serve it
      mocks
          .wireMock()
          .stubFor(
              get(PATH)
                  .withHost(matching("api\\.bench\\.example|127\\.0\\.0\\.1"))
                  .willReturn(okJson(BODY)));
      ProxyIdentity identity = mocks.egress().register("bench.proxy-overhead", List.of(HOST));
      String credentials =
          Base64.getEncoder()
              .encodeToString(
                  (identity.pluginId() + ":" + identity.password())
                      .getBytes(StandardCharsets.UTF_8));
      int port = mocks.port();
      byte[] direct =
          ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] proxied =
          ("GET http://" + HOST + PATH + " HTTP/1.1\r\nHost: " + HOST
                  + "\r\nProxy-Authorization: Basic " + credentials
                  + "\r\nAccept: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);

      try (Client directClient = new Client(port);
          Client proxyClient = new Client(port)) {
        check(directClient.exchange(direct), "direct");
        check(proxyClient.exchange(proxied), "through the proxy");
        run(directClient, direct, proxyClient, proxied, warmup, block, new long[warmup], new long[warmup]);
        mocks.reset(); // the warm-up filled the journal
        mocks.wireMock().stubFor(get(PATH).withHost(matching("api\\.bench\\.example|127\\.0\\.0\\.1")).willReturn(okJson(BODY)));
        long[] d = new long[requests];
        long[] p = new long[requests];
        long start = System.nanoTime();
        run(directClient, direct, proxyClient, proxied, requests, block, d, p);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(d);
        Arrays.sort(p);
        double dMed = ms(percentile(d, 50));
        double dP99 = ms(percentile(d, 99));
        double pMed = ms(percentile(p, 50));
        double pP99 = ms(percentile(p, 99));
        System.out.printf(
            "proxy overhead: %d requests per path, 1 keep-alive client, blocks of %d, %.1f s%n",
            requests, block, seconds);
        System.out.printf("  straight to the stub    median %.3f ms   p99 %.3f ms%n", dMed, dP99);
        System.out.printf("  through the proxy       median %.3f ms   p99 %.3f ms%n", pMed, pP99);
        System.out.printf(
            "  added by the proxy      median %.3f ms   p99 %.3f ms   (target: <= 2 ms at the median)%n",
            pMed - dMed, pP99 - dP99);
        System.out.printf(
            "proxy_overhead_median_ms=%.3f proxy_overhead_p99_ms=%.3f direct_median_ms=%.3f proxy_median_ms=%.3f%n",
            pMed - dMed, pP99 - dP99, dMed, pMed);
      }
    }
  }

  private static void run(
      Client directClient, byte[] direct, Client proxyClient, byte[] proxied, int n, int block,
      long[] d, long[] p) throws IOException {
    int i = 0;
    int j = 0;
    while (i < n || j < n) {
      for (int k = 0; k < block && i < n; k++) {
        long t = System.nanoTime();
        directClient.exchange(direct);
        d[i++] = System.nanoTime() - t;
      }
      for (int k = 0; k < block && j < n; k++) {
        long t = System.nanoTime();
        proxyClient.exchange(proxied);
        p[j++] = System.nanoTime() - t;
      }
    }
  }

  private static void check(Client.Response r, String path) {
    if (r.status() != 200 || !r.body().equals(BODY)) {
      throw new IllegalStateException(
          "the stub did not answer " + path + ": " + r.status() + " " + r.body());
    }
  }

  private static long percentile(long[] sorted, double p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static int intArg(String[] args, String name, int dflt) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return dflt;
  }

  /** A minimal HTTP/1.1 keep-alive client on one socket: costs the measurement next to nothing. */
  private static final class Client implements Closeable {
    record Response(int status, String body) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Client(int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    }

    Response exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      int length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon).trim();
        String value = colon < 0 ? "" : h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked")) {
          chunked = true;
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
            size > 0;
            size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
          body.write(in.readNBytes(size));
          line();
        }
        line();
      } else if (length > 0) {
        body.write(in.readNBytes(length));
      }
      return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      if (c == -1 && sb.length() == 0) {
        throw new IOException("connection closed");
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

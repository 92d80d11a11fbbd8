package io.platformsandbox.mocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-exports=java.base/sun.security.x509=ALL-UNNAMED} a CONNECT is refused with
 * 501 and plain HTTP still works. Runs in a child JVM started without the flag.
 */
class HttpsUnavailableTest {

  @Test
  void withoutTheJvmFlagConnectGets501AndPlainHttpStillWorks() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("https_supported=false", "connect=HTTP/1.1 501", "http=HTTP/1.1 200");
  }

  /** The child JVM. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      try (MockApis mocks = new MockApis(MockApis.Config.loopback(0))) {
        mocks.start();
        var id = mocks.egress().register("acme.p", List.of("api.crm.example"));
        String auth = Base64.getEncoder().encodeToString(
            (id.pluginId() + ":" + id.password()).getBytes(StandardCharsets.UTF_8));
        System.out.println("https_supported=" + mocks.egress().httpsSupported());
        System.out.println("connect=" + statusLine(mocks.port(),
            "CONNECT api.crm.example:443 HTTP/1.1\r\nHost: api.crm.example:443\r\n"
                + "Proxy-Authorization: Basic " + auth + "\r\n\r\n"));
        System.out.println("http=" + statusLine(mocks.port(),
            "GET http://api.crm.example/v1/contacts HTTP/1.1\r\nHost: api.crm.example\r\n"
                + "Proxy-Authorization: Basic " + auth + "\r\nConnection: close\r\n\r\n"));
      }
    }

    private static String statusLine(int port, String request) throws Exception {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
          sb.append((char) c);
        }
        return sb.toString();
      }
    }
  }
}

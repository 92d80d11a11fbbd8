package io.platformsandbox.mocks;

import io.platformsandbox.mocks.proxy.ProxyIdentity;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/** Real HTTP clients pointed at the egress proxy, configured the way a plugin would. */
final class Clients {

  private Clients() {}

  /** OkHttp through the proxy; credentials answered on a 407 challenge (OkHttp's own way). */
  static OkHttpClient okHttp(MockApis mocks, ProxyIdentity identity) {
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", mocks.port())))
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false);
    if (identity != null) {
      String credential = Credentials.basic(identity.pluginId(), identity.password());
      b.proxyAuthenticator(
          (route, response) ->
              response.request().header("Proxy-Authorization") != null
                  ? null
                  : response
                      .request()
                      .newBuilder()
                      .header("Proxy-Authorization", credential)
                      .build());
    }
    return b.build();
  }

  static OkHttpClient okHttpTrusting(MockApis mocks, ProxyIdentity identity, String caPem)
      throws Exception {
    SSLContext ctx = trusting(caPem);
    X509TrustManager tm = (X509TrustManager) trustManagers(caPem)[0];
    return okHttp(mocks, identity).newBuilder().sslSocketFactory(ctx.getSocketFactory(), tm).build();
  }

  /** The JDK client through the proxy, with an Authenticator for the proxy credentials. */
  static HttpClient jdk(MockApis mocks, ProxyIdentity identity, SSLContext ssl) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", mocks.port())));
    if (ssl != null) {
      b.sslContext(ssl);
    }
    if (identity != null) {
      b.authenticator(
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return getRequestorType() == RequestorType.PROXY
                  ? new PasswordAuthentication(
                      identity.pluginId(), identity.password().toCharArray())
                  : null;
            }
          });
    }
    return b.build();
  }

  static SSLContext trusting(String caPem) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trustManagers(caPem), null);
    return ctx;
  }

  private static javax.net.ssl.TrustManager[] trustManagers(String caPem) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in =
        new java.io.ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))) {
      ks.setCertificateEntry("sandbox-ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  /** Output of a python3 script run with {@code env} added to this process's environment. */
  record Run(int exit, String stdout, String stderr) {}

  static Run python(String script, Map<String, String> env) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("python3 did not finish");
    }
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  static String read(Path p) throws IOException {
    try (FileInputStream in = new FileInputStream(p.toFile())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

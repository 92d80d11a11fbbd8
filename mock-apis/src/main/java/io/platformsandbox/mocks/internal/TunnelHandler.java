package io.platformsandbox.mocks.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Promise;

/**
 * Handles the {@code CONNECT}s the front door accepted: instead of the real host, it connects the
 * tunnel to the {@link MitmConnector}, and remembers which plugin opened the tunnel under the
 * tunnel's local port, which is the remote port the TLS connector sees; the front door looks the
 * plugin up from there for every request inside the tunnel.
 */
final class TunnelHandler extends ConnectHandler {

  static final String TUNNEL_ATTRIBUTE = "io.platformsandbox.mocks.tunnel";
  private static final int MAX_REMEMBERED = 65_536;

  /** Who opened a tunnel, and to which host. */
  record Tunnel(String pluginId, String host) {}

  private final MitmConnector mitm;
  private final Map<Integer, Tunnel> byPort = new ConcurrentHashMap<>();

  TunnelHandler(MitmConnector mitm) {
    this.mitm = mitm;
  }

  Tunnel tunnelFrom(int remotePort) {
    return byPort.get(remotePort);
  }

  @Override
  protected void connectToServer(
      Request request, String host, int port, Promise<SocketChannel> promise) {
    SocketChannel channel = null;
    try {
      ServerConnector connector = mitm.get();
      Tunnel tunnel = (Tunnel) request.getAttribute(TUNNEL_ATTRIBUTE);
      channel = SocketChannel.open();
      channel.socket().setTcpNoDelay(true);
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      if (byPort.size() > MAX_REMEMBERED) {
        byPort.clear(); // a bound, not a cache: each new tunnel overwrites its port's entry
      }
      if (tunnel != null) {
        byPort.put(localPort, tunnel);
      }
      channel.configureBlocking(false);
      channel.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), connector.getLocalPort()));
      promise.succeeded(channel);
    } catch (Throwable x) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      promise.failed(x);
    }
  }
}

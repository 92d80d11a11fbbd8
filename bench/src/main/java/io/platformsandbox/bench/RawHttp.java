package io.platformsandbox.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP/1.1 keep-alive client over one blocking socket, for the load generator: the request
 * is one pre-built byte array written with one call, the response is parsed in place (status line,
 * Content-Length or chunked body) and its body dropped unless asked for. Costs the client next to
 * no CPU, which matters when client and server share two cores. Not thread-safe: one per thread.
 */
final class RawHttp implements Closeable {
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;
  private boolean mustReconnect;

  /** What came back: the status, and the body when asked for. */
  record Response(int status, byte[] body, String contentType) {
    String text() {
      return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
  }

  RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Builds a request's bytes once; the load generator then sends them over and over. */
  static byte[] request(String method, String host, int port, String target, String authorization, String contentType, byte[] body) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(host).append(':').append(port).append("\r\n");
    if (authorization != null) {
      sb.append("Authorization: ").append(authorization).append("\r\n");
    }
    sb.append("Accept: application/json\r\n");
    if (body != null) {
      sb.append("Content-Type: ").append(contentType).append("\r\n");
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return head;
    }
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** Sends one request and reads its whole response; reconnects when the server closed. */
  Response exchange(byte[] request, boolean keepBody) throws IOException {
    if (socket == null || mustReconnect) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      return readResponse(keepBody);
    } catch (IOException e) {
      closeQuietly();
      throw e;
    }
  }

  private void connect() throws IOException {
    closeQuietly();
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setKeepAlive(true);
    s.connect(new InetSocketAddress(host, port), 5_000);
    s.setSoTimeout(30_000);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    lim = 0;
    mustReconnect = false;
  }

  private Response readResponse(boolean keepBody) throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    String contentType = null;
    while (true) {
      String line = readLine();
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon);
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(line.substring(colon + 1).trim());
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = line.substring(colon + 1).toLowerCase().contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        String v = line.substring(colon + 1).trim().toLowerCase();
        if (v.contains("close")) {
          close = true;
        } else if (v.contains("keep-alive")) {
          close = false;
        }
      } else if (keepBody && name.equalsIgnoreCase("Content-Type")) {
        contentType = line.substring(colon + 1).trim();
      }
    }
    ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
    if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
      // no body
    } else if (chunked) {
      while (true) {
        String sizeLine = readLine();
        int semi = sizeLine.indexOf(';');
        long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
        if (size == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          break;
        }
        readBody(size, body);
        readLine();
      }
    } else if (contentLength >= 0) {
      readBody(contentLength, body);
    } else {
      // Body until the server closes.
      while (fill()) {
        if (body != null) {
          body.write(buf, pos, lim - pos);
        }
        pos = lim;
      }
      close = true;
    }
    if (close) {
      mustReconnect = true;
    }
    return new Response(status, body == null ? null : body.toByteArray(), contentType);
  }

  private void readBody(long n, ByteArrayOutputStream sink) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == lim && !fill()) {
        throw new EOFException("connection closed inside a body");
      }
      int take = (int) Math.min(left, lim - pos);
      if (sink != null) {
        sink.write(buf, pos, take);
      }
      pos += take;
      left -= take;
    }
  }

  private String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          if (sb == null) {
            return part;
          }
          sb.append(part);
          // A CR at the end of the previous chunk belongs to the line ending.
          int len = sb.length();
          if (len > 0 && sb.charAt(len - 1) == '\r') {
            sb.setLength(len - 1);
          }
          return sb.toString();
        }
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
      pos = lim;
      if (!fill()) {
        throw new EOFException("connection closed inside the response head");
      }
    }
  }

  /** Reads more bytes into the (emptied) buffer; false at end of stream. */
  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      pos = 0;
      lim = 0;
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  private void closeQuietly() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
  }

  @Override
  public void close() {
    closeQuietly();
  }
}

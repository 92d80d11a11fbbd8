package io.platformsandbox.engine.http;

import io.platformsandbox.engine.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict percent-decoding of paths and query strings: bad encoding is a 400, never a guess. */
public final class Paths {
  private Paths() {}

  /** Splits a raw (still encoded) absolute path into decoded segments. */
  public static List<String> decodeSegments(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      throw ApiException.badRequest("The request path must start with '/'.");
    }
    String[] parts = rawPath.substring(1).split("/", -1);
    List<String> segments = new ArrayList<>(parts.length);
    for (String part : parts) {
      segments.add(decode(part, false));
    }
    return segments;
  }

  /** Parses {@code a=1&b=x%20y}; a repeated name keeps every value in order. */
  public static Map<String, List<String>> parseQuery(String query) {
    if (query == null || query.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return params;
  }

  static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw badEncoding(text);
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw badEncoding(text);
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        int end = i + Character.charCount(text.codePointAt(i));
        byte[] bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw badEncoding(text);
    }
  }

  private static ApiException badEncoding(String text) {
    return ApiException.badRequest(
        "bad-encoding", "Bad encoding", "Invalid percent-encoding or UTF-8 in '" + text + "'.");
  }
}

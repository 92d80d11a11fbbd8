package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.platformsandbox.mocks.journal.Journal;
import io.platformsandbox.mocks.journal.JournalEntry;
import io.platformsandbox.mocks.journal.Verdict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes a journal entry for every request WireMock served, after the response was sent. */
final class JournalRecorder implements ServeEventListener {

  private final EgressJournal journal;

  JournalRecorder(EgressJournal journal) {
    this.journal = journal;
  }

  @Override
  public String getName() {
    return "platform-sandbox-journal";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public void afterComplete(ServeEvent event, Parameters parameters) {
    LoggedRequest req = event.getRequest();
    Exchange ex = Exchange.current();
    if (ex == null) {
      // not through the front door (cannot happen on the HTTP path; kept for safety)
      ex = new Exchange(null, false, req.getScheme(), req.getHost(), req.getPort());
    }
    StubMapping stub = event.getWasMatched() ? event.getStubMapping() : null;
    Verdict verdict;
    if (stub == null) {
      verdict = Verdict.UNMATCHED;
    } else if (event.getResponseDefinition() != null
        && event.getResponseDefinition().isProxyResponse()) {
      verdict = Verdict.RECORDED;
    } else {
      verdict = Verdict.SERVED;
    }
    LoggedResponse res = event.getResponse();
    String body = req.getBodyAsString();
    boolean truncated = body != null && body.length() > Journal.MAX_BODY_CHARS;
    JournalEntry entry =
        new JournalEntry(
            ex.id,
            ex.time,
            ex.pluginId,
            ex.viaProxy,
            req.getMethod().getName(),
            ex.scheme,
            ex.host,
            ex.port,
            req.getUrl(),
            headers(req.getHeaders()),
            truncate(body),
            truncated,
            verdict,
            stub == null || stub.getId() == null ? null : stub.getId().toString(),
            stub == null ? null : stub.getName(),
            stub == null ? null : stubSet(stub),
            ex.faultId,
            res == null || res.getFault() != null ? 0 : res.getStatus(),
            res == null ? Map.of() : headers(res.getHeaders()),
            res == null ? null : truncate(res.getBodyAsString()),
            ex.elapsedMs(),
            event.getId() == null ? null : event.getId().toString());
    journal.add(entry, verdict == Verdict.UNMATCHED ? req : null);
  }

  /** An entry for a request the front door refused before WireMock saw it. */
  static JournalEntry refusal(
      String pluginId,
      boolean viaProxy,
      String method,
      String scheme,
      String host,
      int port,
      String url,
      Map<String, List<String>> requestHeaders,
      String body,
      Verdict verdict,
      int status,
      String responseBody,
      long startNanos,
      Instant time) {
    return new JournalEntry(
        UUID.randomUUID().toString(),
        time,
        pluginId,
        viaProxy,
        method,
        scheme,
        host,
        port,
        url,
        requestHeaders,
        truncate(body),
        body != null && body.length() > Journal.MAX_BODY_CHARS,
        verdict,
        null,
        null,
        null,
        null,
        status,
        Map.of("Content-Type", List.of(Problems.CONTENT_TYPE)),
        responseBody,
        (System.nanoTime() - startNanos) / 1_000_000,
        null);
  }

  static String stubSet(StubMapping stub) {
    Metadata md = stub.getMetadata();
    if (md == null || !md.containsKey("sandbox")) {
      return null;
    }
    Metadata sandbox = md.getMetadata("sandbox");
    return sandbox.getString("stubSet", null);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= Journal.MAX_BODY_CHARS
        ? s
        : s.substring(0, Journal.MAX_BODY_CHARS);
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (headers != null) {
      for (HttpHeader h : headers.all()) {
        if (!h.keyEquals("Proxy-Authorization")) {
          out.put(h.key(), List.copyOf(h.values()));
        }
      }
    }
    return out;
  }
}

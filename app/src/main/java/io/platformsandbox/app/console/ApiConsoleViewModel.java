package io.platformsandbox.app.console;

import com.fasterxml.jackson.core.type.TypeReference;
import io.platformsandbox.app.core.BackgroundExecutor;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.core.Notifications;
import io.platformsandbox.app.http.TokenCache;
import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.session.SandboxSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API console: a request builder on the workbench's OkHttp client. "Auth as" an app puts that
 * app's bearer token in; the response shows status, headers, timing and a pretty body. Requests
 * are kept in a history (saved in the settings folder) to send again.
 *
 * <p>Threading: JavaFX thread; the call runs through the {@link BackgroundExecutor}.
 */
public final class ApiConsoleViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(ApiConsoleViewModel.class);
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final int HISTORY_MAX = 100;
  private static final long BODY_SHOWN_MAX = 2 * 1024 * 1024;

  private final SandboxSession session;
  private final BackgroundExecutor executor;
  private final Path historyFile;

  private final StringProperty method = new SimpleStringProperty("GET");
  private final StringProperty url = new SimpleStringProperty("/v1/collections");
  private final StringProperty headers = new SimpleStringProperty("");
  private final StringProperty body = new SimpleStringProperty("");
  private final ObjectProperty<AppInfo> authAs = new SimpleObjectProperty<>();
  private final BooleanProperty prettyBody = new SimpleBooleanProperty(true);
  private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyIntegerWrapper status = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper responseHeaders = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper responseBody = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
  private BackgroundExecutor.Job job;

  public ApiConsoleViewModel(SandboxSession session, BackgroundExecutor executor, Path historyFile) {
    this.session = session;
    this.executor = executor;
    this.historyFile = historyFile;
    loadHistory();
  }

  public StringProperty methodProperty() {
    return method;
  }

  public StringProperty urlProperty() {
    return url;
  }

  /** "Name: value" per line. */
  public StringProperty headersProperty() {
    return headers;
  }

  public StringProperty bodyProperty() {
    return body;
  }

  public ObjectProperty<AppInfo> authAsProperty() {
    return authAs;
  }

  public ObservableList<AppInfo> apps() {
    return session.apps();
  }

  public BooleanProperty prettyBodyProperty() {
    return prettyBody;
  }

  public ReadOnlyBooleanProperty sendingProperty() {
    return sending.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** "201 Created" */
  public ReadOnlyStringProperty statusLineProperty() {
    return statusLine.getReadOnlyProperty();
  }

  /** "12 ms · 342 B" */
  public ReadOnlyStringProperty timingProperty() {
    return timing.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty responseHeadersProperty() {
    return responseHeaders.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty responseBodyProperty() {
    return responseBody.getReadOnlyProperty();
  }

  /** Why the request could not be sent (no sandbox, bad URL, bad header line, network). */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ObservableList<HistoryEntry> history() {
    return history;
  }

  public boolean methodTakesBody() {
    return WITH_BODY.contains(method.get());
  }

  /** Sends the request as built. */
  public void send() {
    error.set("");
    String api = session.apiUrlProperty().get();
    if (session.control() == null || api == null || api.isEmpty()) {
      error.set("No sandbox is running: start it first.");
      return;
    }
    Request request;
    try {
      request = build(api);
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return;
    }
    AppInfo as = authAs.get();
    TokenCache tokens = session.tokens();
    String m = method.get();
    String u = url.get().strip();
    String h = headers.get();
    String b = body.get();
    sending.set(true);
    job =
        executor.submit(
            m + " " + u,
            () -> execute(request, as, tokens),
            result -> {
              sending.set(false);
              show(result);
              remember(new HistoryEntry(m, u, h, b, as == null ? null : as.clientId(), result.code, result.millis, Instant.now().toString()));
            },
            e -> {
              sending.set(false);
              status.set(0);
              statusLine.set("");
              error.set(Notifications.describe(e));
              remember(new HistoryEntry(m, u, h, b, as == null ? null : as.clientId(), 0, 0, Instant.now().toString()));
            });
  }

  /** Cancels the request in flight. */
  public void cancel() {
    if (job != null) {
      job.cancel();
      sending.set(false);
      error.set("Cancelled.");
    }
  }

  Request build(String api) {
    String u = url.get() == null ? "" : url.get().strip();
    if (u.isEmpty()) {
      throw new IllegalArgumentException("Enter a URL such as /v1/collections.");
    }
    HttpUrl target = u.startsWith("/") ? HttpUrl.parse(api + u) : HttpUrl.parse(u);
    if (target == null) {
      throw new IllegalArgumentException("Not a URL: " + u);
    }
    Headers.Builder hb = new Headers.Builder();
    String text = headers.get() == null ? "" : headers.get();
    int lineNo = 0;
    for (String line : text.split("\\R")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("Header line " + lineNo + " should be 'Name: value'.");
      }
      try {
        hb.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Header line " + lineNo + ": " + e.getMessage());
      }
    }
    Headers hs = hb.build();
    String m = method.get() == null ? "GET" : method.get().toUpperCase(Locale.ROOT);
    RequestBody rb = null;
    if (WITH_BODY.contains(m)) {
      String type = hs.get("Content-Type") == null ? "application/json" : hs.get("Content-Type");
      rb = RequestBody.create(body.get() == null ? "" : body.get(), MediaType.parse(type));
    } else if (m.equals("DELETE") && body.get() != null && !body.get().isBlank()) {
      rb = RequestBody.create(body.get(), MediaType.parse("application/json"));
    }
    return new Request.Builder().url(target).headers(hs).method(m, rb).build();
  }

  private record Result(int code, String message, String headers, String body, long millis, long size) {}

  private Result execute(Request request, AppInfo as, TokenCache tokens) throws IOException {
    Request r = request;
    if (as != null && r.header("Authorization") == null && tokens != null) {
      r = r.newBuilder().header("Authorization", "Bearer " + tokens.token(as, null)).build();
    }
    long start = System.nanoTime();
    try (Response response = session.http().newCall(r).execute()) {
      okio.BufferedSource source = response.body().source();
      source.request(BODY_SHOWN_MAX);
      okio.Buffer buffer = source.getBuffer();
      byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), BODY_SHOWN_MAX));
      long millis = (System.nanoTime() - start) / 1_000_000;
      StringBuilder hs = new StringBuilder();
      response.headers().forEach(p -> hs.append(p.getFirst()).append(": ").append(p.getSecond()).append('\n'));
      return new Result(
          response.code(), response.message(), hs.toString(), new String(bytes, StandardCharsets.UTF_8), millis, bytes.length);
    }
  }

  private void show(Result r) {
    status.set(r.code);
    statusLine.set(r.code + " " + (r.message.isBlank() ? reason(r.code) : r.message));
    timing.set(r.millis + " ms · " + size(r.size));
    responseHeaders.set(r.headers);
    responseBody.set(prettyBody.get() ? Json.pretty(r.body) : r.body);
  }

  private static String reason(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  /** Puts a history entry back into the builder. */
  public void restore(HistoryEntry e) {
    method.set(e.method());
    url.set(e.url());
    headers.set(e.headers() == null ? "" : e.headers());
    body.set(e.body() == null ? "" : e.body());
    authAs.set(e.authClientId() == null ? null : session.apps().stream().filter(a -> a.clientId().equals(e.authClientId())).findFirst().orElse(null));
  }

  public void clearHistory() {
    history.clear();
    saveHistory();
  }

  private void remember(HistoryEntry e) {
    history.add(0, e);
    if (history.size() > HISTORY_MAX) {
      history.remove(HISTORY_MAX, history.size());
    }
    saveHistory();
  }

  private void loadHistory() {
    if (historyFile == null || !Files.isRegularFile(historyFile)) {
      return;
    }
    try {
      List<HistoryEntry> list = Json.MAPPER.readValue(historyFile.toFile(), new TypeReference<List<HistoryEntry>>() {});
      history.setAll(list.size() > HISTORY_MAX ? list.subList(0, HISTORY_MAX) : list);
    } catch (IOException e) {
      LOG.warn("could not read the console history {}: {}", historyFile, e.getMessage());
    }
  }

  private void saveHistory() {
    if (historyFile == null) {
      return;
    }
    try {
      Files.createDirectories(historyFile.getParent());
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(historyFile.toFile(), new ArrayList<>(history));
    } catch (IOException e) {
      LOG.warn("could not save the console history {}: {}", historyFile, e.getMessage());
    }
  }
}

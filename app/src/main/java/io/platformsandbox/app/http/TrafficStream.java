package io.platformsandbox.app.http;

import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.model.TrafficItem;
import java.io.Closeable;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open {@code GET /_sandbox/traffic/stream}: the traffic entries the sandbox sends, one by one.
 * Blocking; cancel its {@link Call} from another thread to end a read.
 */
public final class TrafficStream implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficStream.class);
  private final Response response;
  private final ServerSentEventReader events;

  private TrafficStream(Response response) {
    this.response = response;
    this.events = new ServerSentEventReader(response.body().source());
  }

  /** Executes {@code call} (from {@link ControlClient#trafficStream}); an error answer becomes an {@link ApiException}. */
  public static TrafficStream open(Call call) throws IOException {
    Response response = call.execute();
    if (!response.isSuccessful()) {
      try (response) {
        throw ApiException.from(response.code(), response.body().string());
      }
    }
    return new TrafficStream(response);
  }

  /** The next entry, or null when the sandbox ended the stream; blocks until one arrives. */
  public TrafficItem next() throws IOException {
    for (ServerSentEventReader.Event e; (e = events.next()) != null; ) {
      if (!e.type().equals("traffic")) {
        continue;
      }
      try {
        return TrafficItem.from(Json.parse(e.data()));
      } catch (IOException ex) {
        LOG.warn("skipped traffic event {}: not JSON ({})", e.id(), ex.getMessage());
      }
    }
    return null;
  }

  @Override
  public void close() {
    response.close();
  }
}

package io.platformsandbox.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ServerSentEventReaderTest {

  private static ServerSentEventReader reader(String text) {
    return new ServerSentEventReader(new Buffer().writeUtf8(text));
  }

  @Test
  void readsIdTypeAndDataOfEachEventAndSkipsHeartbeats() throws IOException {
    ServerSentEventReader r = reader(": keep-alive\n\nid: 7\nevent: traffic\ndata: {\"id\":7}\n\n: keep-alive\n\n");
    assertThat(r.next()).isEqualTo(new ServerSentEventReader.Event("7", "traffic", "{\"id\":7}"));
    assertThat(r.next()).isNull();
  }

  @Test
  void joinsDataLinesWithNewlinesAndDefaultsTheTypeToMessage() throws IOException {
    ServerSentEventReader r = reader("data: one\ndata:two\r\n\r\n");
    assertThat(r.next()).isEqualTo(new ServerSentEventReader.Event(null, "message", "one\ntwo"));
  }

  @Test
  void theLastIdCarriesOverToEventsWithoutOne() throws IOException {
    ServerSentEventReader r = reader("id: 3\ndata: a\n\ndata: b\n\n");
    r.next();
    assertThat(r.next().id()).isEqualTo("3");
  }

  @Test
  void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
    assertThat(reader("id: 1\ndata: half").next()).isNull();
  }
}

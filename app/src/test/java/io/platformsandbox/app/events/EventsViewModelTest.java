package io.platformsandbox.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.model.EventItem;
import io.platformsandbox.app.testsupport.TestSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsViewModelTest {
  private static TestSandbox sandbox;
  private EventsViewModel vm;
  private final List<Throwable> errors = new ArrayList<>();

  @BeforeAll
  static void startEngine() {
    sandbox = new TestSandbox();
  }

  @AfterAll
  static void stopEngine() {
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.reset();
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    // No wait: each poll() is one request on the test thread (the workbench long-polls).
    vm = new EventsViewModel(sandbox.session, sandbox.executor, sandbox.notifications, 0);
    vm.start();
  }

  private EventItem trigger(String type, String subject, String data) {
    List<EventItem> out = new ArrayList<>();
    vm.trigger(type, subject, data, out::add, errors::add);
    return out.isEmpty() ? null : out.get(0);
  }

  @Test
  void followsTheCurrentTenantAndListsItsTopicsPlatformFirst() throws Exception {
    assertThat(vm.tenantProperty().get()).isEqualTo("acme");
    sandbox.session.workbenchClient("acme", true).createTopic("orders");
    vm.loadTopics();
    assertThat(vm.topics()).containsExactly("platform", "orders");
    assertThat(vm.topicProperty().get()).isEqualTo("platform");
  }

  @Test
  void triggeredEventsShowNewestFirstWithTheirJson() {
    EventItem first = trigger("subject.erasure_requested", "s-1", "{}");
    EventItem second = trigger("order.placed", null, "{\"order_id\": \"ord_1\", \"subject\": \"cust_42\"}");
    assertThat(errors).isEmpty();
    assertThat(first.offset()).isLessThan(second.offset());
    vm.poll();
    assertThat(vm.events()).extracting(EventItem::type).containsExactly("order.placed", "subject.erasure_requested");
    assertThat(vm.events().get(0).subject()).isEqualTo("cust_42");
    assertThat(vm.events().get(1).subject()).isEqualTo("s-1");
    vm.selectedProperty().set(vm.events().get(0));
    assertThat(vm.detailProperty().get()).contains("\"order_id\" : \"ord_1\"").contains("\"topic\" : \"platform\"");
    assertThat(vm.statusProperty().get()).contains("2 events");
  }

  @Test
  void eachPollReadsOnlyWhatIsNew() {
    trigger("a.one", null, "");
    vm.poll();
    vm.poll();
    assertThat(vm.events()).hasSize(1);
    trigger("a.two", null, "");
    vm.poll();
    assertThat(vm.events()).extracting(EventItem::type).containsExactly("a.two", "a.one");
  }

  @Test
  void recordWritesArriveOnThePlatformTopic() throws Exception {
    var client = sandbox.session.workbenchClient("acme", true);
    client.createCollection((ObjectNode) Json.parse("{\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    client.createRecord("t", (ObjectNode) Json.parse("{\"a\":\"x\"}"));
    vm.poll();
    assertThat(vm.events()).extracting(EventItem::type).contains("record.created");
  }

  @Test
  void anInvalidTypeIsTheApisFieldErrorAndBadJsonIsCaughtBeforeSending() {
    trigger("Not A Type", null, "{}");
    assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.fieldErrors()).containsKey("type");
    });
    errors.clear();
    trigger("a.b", null, "{not json");
    assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("data"));
    errors.clear();
    trigger("a.b", null, "[1, 2]");
    assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get("data")).contains("object"));
  }

  @Test
  void switchingTheTopicStartsAgainFromItsFirstEvent() throws Exception {
    trigger("a.one", null, "");
    vm.poll();
    assertThat(vm.events()).hasSize(1);
    sandbox.session.workbenchClient("acme", true).createTopic("orders");
    vm.topicProperty().set("orders");
    assertThat(vm.events()).isEmpty();
    vm.topicProperty().set("platform");
    assertThat(vm.events()).hasSize(1);
  }

  @Test
  void pausingStopsReadingUntilResumed() {
    vm.followingProperty().set(false);
    trigger("a.one", null, "");
    vm.poll();
    assertThat(vm.events()).isEmpty();
    assertThat(vm.statusProperty().get()).startsWith("Paused");
    vm.followingProperty().set(true);
    assertThat(vm.events()).hasSize(1);
  }
}

package io.platformsandbox.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.platformsandbox.app.core.Json;
import io.platformsandbox.app.http.ApiException;
import io.platformsandbox.app.model.DeliveryAttempt;
import io.platformsandbox.app.model.DeliveryInfo;
import io.platformsandbox.app.testsupport.TestSandbox;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksViewModelTest {
  private static TestSandbox sandbox;
  private static HttpServer receiver;
  private static final AtomicInteger answer = new AtomicInteger(200);
  private static final AtomicInteger received = new AtomicInteger();
  private WebhooksViewModel vm;
  private final List<Throwable> errors = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    sandbox = new TestSandbox();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      ex.getRequestBody().readAllBytes();
      received.incrementAndGet();
      int code = answer.get();
      byte[] body = ("{\"answered\":" + code + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(code, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.reset();
    answer.set(200);
    received.set(0);
    sandbox.session.createTenant("acme", null, () -> {}, e -> {});
    vm = new WebhooksViewModel(sandbox.session, sandbox.executor, sandbox.notifications);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private void register(String events) {
    vm.createWebhook(hookUrl(), events, w -> {}, errors::add);
    assertThat(errors).isEmpty();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(50);
    }
  }

  /** Re-reads the deliveries until {@code condition} holds for the first one. */
  private DeliveryInfo awaitDelivery(java.util.function.Predicate<DeliveryInfo> condition) throws InterruptedException {
    waitFor(() -> {
      vm.loadDeliveries();
      return !vm.deliveries().isEmpty() && condition.test(vm.deliveries().get(0));
    });
    return vm.deliveries().get(0);
  }

  @Test
  void aRegisteredWebhookIsListedAndSelected() {
    register("subject.erasure_requested, record.created:contacts");
    assertThat(vm.webhooks()).singleElement().satisfies(w -> {
      assertThat(w.url()).isEqualTo(hookUrl());
      assertThat(w.events()).containsExactly("subject.erasure_requested", "record.created:contacts");
    });
    assertThat(vm.selectedWebhookProperty().get()).isEqualTo(vm.webhooks().get(0));
    assertThat(vm.statusProperty().get()).startsWith("1 webhook");
  }

  @Test
  void theApisValidationErrorsComeBackPerField() {
    vm.createWebhook("not a url", "no such thing!", w -> {}, errors::add);
    assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).containsKeys("url", "events"));
  }

  @Test
  void aFailedDeliveryShowsEveryAttemptAndARedeliveryMarksItManual() throws Exception {
    answer.set(503);
    register("subject.erasure_requested");
    sandbox.session.control().trigger("acme", "subject.erasure_requested", "s-1", Json.object());
    DeliveryInfo d = awaitDelivery(x -> x.attempts() >= 1);
    assertThat(d.eventType()).isEqualTo("subject.erasure_requested");
    vm.selectedDeliveryProperty().set(d);
    DeliveryAttempt first = vm.attempts().get(0);
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.responseExcerpt()).contains("\"answered\":503");
    assertThat(first.latencyMs()).isGreaterThanOrEqualTo(0);
    assertThat(first.manual()).isFalse();
    assertThat(vm.deliveryTextProperty().get()).startsWith("subject.erasure_requested · ");

    answer.set(200);
    vm.selectedDeliveryProperty().set(vm.deliveries().get(0));
    vm.redeliver();
    DeliveryInfo after = vm.selectedDeliveryProperty().get();
    assertThat(after.status()).isEqualTo("succeeded");
    assertThat(after.lastAttempt().manual()).isTrue();
    assertThat(after.lastAttempt().statusCode()).isEqualTo(200);
    assertThat(vm.attempts()).last().extracting(DeliveryAttempt::manual).isEqualTo(true);
    assertThat(vm.deliveries().get(0)).isEqualTo(after);
  }

  @Test
  void advancingTheClockFiresDueRetries() throws Exception {
    answer.set(500);
    register("*");
    var client = sandbox.session.workbenchClient("acme", true);
    client.createCollection((ObjectNode) Json.parse("{\"name\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"));
    client.createRecord("t", (ObjectNode) Json.parse("{\"a\":\"x\"}"));
    DeliveryInfo d = awaitDelivery(x -> x.attempts() >= 1);
    assertThat(d.eventType()).isEqualTo("record.created");
    int attempts = d.attempts();
    vm.advanceSecondsProperty().set("3600");
    List<Boolean> done = new ArrayList<>();
    vm.advanceClock(() -> done.add(true), errors::add);
    assertThat(errors).isEmpty();
    assertThat(done).containsExactly(true);
    assertThat(sandbox.session.clockOffsetProperty().get()).isGreaterThanOrEqualTo(Duration.ofMinutes(59));
    awaitDelivery(x -> x.attempts() > attempts);
  }

  @Test
  void aBadClockAmountIsAFieldError() {
    vm.advanceSecondsProperty().set("soon");
    vm.advanceClock(() -> {}, errors::add);
    assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("seconds"));
  }

  @Test
  void switchingTenantsShowsTheOtherTenantsWebhooks() {
    register("*");
    sandbox.session.createTenant("globex", null, () -> {}, e -> {});
    assertThat(vm.tenantProperty().get()).isEqualTo("globex");
    assertThat(vm.webhooks()).isEmpty();
    vm.show("acme", null);
    assertThat(vm.webhooks()).hasSize(1);
  }
}

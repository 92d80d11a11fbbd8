package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.platformsandbox.mocks.faults.FaultRule;
import io.platformsandbox.mocks.faults.Faults;
import io.platformsandbox.mocks.proxy.HostNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The fault rules, applied as a global WireMock response-definition transformer. */
final class FaultInjector implements Faults, ResponseDefinitionTransformerV2 {

  /** Not valid JSON, whatever the client expected. */
  static final String MALFORMED_BODY = "{\"id\": \"injected-malformed-body\", \"data\": [tru";

  private final List<FaultRule> rules = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public String getName() {
    return "platform-sandbox-faults";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public synchronized FaultRule add(FaultRule rule) {
    FaultRule withId = rule.withId("f" + ids.incrementAndGet());
    rules.add(withId);
    return withId;
  }

  @Override
  public synchronized boolean remove(String id) {
    return rules.removeIf(r -> r.id().equals(id));
  }

  @Override
  public synchronized void clear() {
    rules.clear();
  }

  @Override
  public synchronized List<FaultRule> list() {
    return List.copyOf(rules);
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinition original = serveEvent.getResponseDefinition();
    FaultRule rule = pick(serveEvent.getRequest().getHost(), serveEvent.getStubMapping());
    if (rule == null) {
      return original;
    }
    Exchange exchange = Exchange.current();
    if (exchange != null) {
      exchange.faultId = rule.id();
    }
    return apply(rule, original);
  }

  private synchronized FaultRule pick(String host, StubMapping stub) {
    if (rules.isEmpty()) {
      return null;
    }
    for (int i = 0; i < rules.size(); i++) {
      FaultRule r = rules.get(i);
      if (r.host() != null && !HostNames.matches(r.host(), host)) {
        continue;
      }
      if (r.stub() != null && !stubMatches(r.stub(), stub)) {
        continue;
      }
      if (r.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= r.probability()) {
        continue;
      }
      if (r.count() != null) {
        if (r.count() <= 1) {
          rules.remove(i);
        } else {
          rules.set(i, r.withCount(r.count() - 1));
        }
      }
      return r;
    }
    return null;
  }

  private static boolean stubMatches(String nameOrId, StubMapping stub) {
    if (stub == null) {
      return false;
    }
    return nameOrId.equals(stub.getName())
        || (stub.getId() != null && nameOrId.equalsIgnoreCase(stub.getId().toString()));
  }

  private static ResponseDefinition apply(FaultRule rule, ResponseDefinition original) {
    Integer delay = rule.latencyMs() > 0 ? rule.latencyMs() : null;
    return switch (rule.kind()) {
      case LATENCY -> {
        int existing =
            original.getFixedDelayMilliseconds() == null ? 0 : original.getFixedDelayMilliseconds();
        yield ResponseDefinitionBuilder.like(original)
            .withFixedDelay(existing + rule.latencyMs())
            .build();
      }
      case STATUS ->
          ResponseDefinitionBuilder.responseDefinition()
              .withStatus(rule.status())
              .withHeader("Content-Type", Problems.CONTENT_TYPE)
              .withBody(
                  Json.write(
                      Problems.problem(
                          "injected-fault",
                          "Injected fault",
                          rule.status(),
                          "The sandbox injected this "
                              + rule.status()
                              + " (fault rule "
                              + rule.id()
                              + "); remove it with DELETE /__sandbox/faults/"
                              + rule.id()
                              + ".")))
              .withFixedDelay(delay)
              .build();
      case CONNECTION_RESET ->
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(Fault.CONNECTION_RESET_BY_PEER)
              .withFixedDelay(delay)
              .build();
      case EMPTY_RESPONSE ->
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(Fault.EMPTY_RESPONSE)
              .withFixedDelay(delay)
              .build();
      case MALFORMED_BODY ->
          ResponseDefinitionBuilder.responseDefinition()
              .withStatus(original.getStatus() == 0 ? 200 : original.getStatus())
              .withHeaders(original.getHeaders())
              .withBody(MALFORMED_BODY)
              .withFixedDelay(delay)
              .build();
    };
  }
}

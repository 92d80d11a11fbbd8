package io.platformsandbox.engine.testsupport;

import io.platformsandbox.engine.api.Scope;
import java.util.Arrays;
import java.util.List;

/** Every scope's wire name. */
public final class AllScopes {
  public static final List<String> WIRE = Arrays.stream(Scope.values()).map(Scope::wire).toList();

  private AllScopes() {}

  public static List<String> except(Scope missing) {
    return Arrays.stream(Scope.values()).filter(s -> s != missing).map(Scope::wire).toList();
  }
}

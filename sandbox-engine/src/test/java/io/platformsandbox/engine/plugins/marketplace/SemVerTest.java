package io.platformsandbox.engine.plugins.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemVerTest {
  @Test
  void ordersAsSemver2Says() {
    List<String> sorted =
        List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
    List<String> shuffled = new ArrayList<>(sorted);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    shuffled.sort(SemVer.ORDER);
    assertThat(shuffled).containsExactlyElementsOf(sorted);
  }
}

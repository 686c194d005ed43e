package org.mlpvision.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void eachIterationFreesWhatItAllocated() throws Exception {
    try (NDManager root = NDManager.newBaseManager()) {
      double[] sum = {0};
      long ran =
          Scopes.loop(
              root,
              50,
              (scope, i) -> {
                NDArray a = scope.ones(new ai.djl.ndarray.types.Shape(64, 64)).mul(i);
                sum[0] += a.sum().getFloat();
                return true;
              });
      assertThat(ran).isEqualTo(50);
      assertThat(sum[0]).isEqualTo(4096.0 * (49 * 50 / 2));
      assertThat(root.getManagedArrays()).isEmpty();
    }
  }

  @Test
  void loopStopsWhenTheBodySaysSo() throws Exception {
    try (NDManager root = NDManager.newBaseManager()) {
      assertThat(Scopes.loop(root, 10, (s, i) -> i < 3)).isEqualTo(4);
    }
  }
}

package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class AdamWTest {
  @Test
  void twoStepsMatchTheTorchFormula() {
    OptimizerConfig cfg = new OptimizerConfig(null, 0.9, 0.999, 1e-8, 0.01, null);
    try (NDManager m = NDManager.newBaseManager();
        AdamW opt = new AdamW(cfg, m)) {
      NDArray w = m.create(new float[] {1f, -2f});
      double[] ref = {1, -2};
      double[] mm = new double[2];
      double[] vv = new double[2];
      double[][] grads = {{0.5, -1}, {0.25, 3}};
      double lr = 0.01;
      for (int t = 1; t <= 2; t++) {
        opt.update(
            "p", w, m.create(new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]}), lr);
        for (int i = 0; i < 2; i++) {
          double g = grads[t - 1][i];
          ref[i] *= 1 - lr * 0.01;
          mm[i] = 0.9 * mm[i] + 0.1 * g;
          vv[i] = 0.999 * vv[i] + 0.001 * g * g;
          double mh = mm[i] / (1 - Math.pow(0.9, t));
          double vh = Math.sqrt(vv[i] / (1 - Math.pow(0.999, t)));
          ref[i] -= lr * mh / (vh + 1e-8);
        }
      }
      assertThat(w.getFloat(0)).isCloseTo((float) ref[0], within(1e-6f));
      assertThat(w.getFloat(1)).isCloseTo((float) ref[1], within(1e-6f));
      assertThat(opt.steps("p")).isEqualTo(2);
    }
  }

  @Test
  void savedStateContinuesExactlyAfterLoading() throws Exception {
    OptimizerConfig cfg = OptimizerConfig.defaults();
    try (NDManager m = NDManager.newBaseManager();
        AdamW a = new AdamW(cfg, m);
        AdamW b = new AdamW(cfg, m)) {
      NDArray wa = m.create(new float[] {0.3f, 0.7f});
      NDArray g = m.create(new float[] {0.1f, -0.4f});
      a.update("w", wa, g, 1e-2);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.save(new DataOutputStream(bytes));
      b.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      NDArray wb = wa.duplicate();
      a.update("w", wa, g, 1e-2);
      b.update("w", wb, g, 1e-2);
      assertThat(wb.toFloatArray()).containsExactly(wa.toFloatArray());
      assertThat(b.steps("w")).isEqualTo(2);
    }
  }

  @Test
  void stepsAllocateNoLastingArrays() {
    try (NDManager m = NDManager.newBaseManager();
        AdamW opt = new AdamW(OptimizerConfig.defaults(), m)) {
      NDArray w = m.ones(new ai.djl.ndarray.types.Shape(4));
      NDArray g = m.ones(new ai.djl.ndarray.types.Shape(4));
      opt.update("w", w, g, 1e-3);
      int after1 = m.getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        opt.update("w", w, g, 1e-3);
      }
      assertThat(m.getManagedArrays()).hasSize(after1);
    }
  }
}

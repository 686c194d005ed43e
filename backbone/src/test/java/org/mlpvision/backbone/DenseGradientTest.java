package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.core.weights.ParameterNames;

/**
 * Every trainable parameter of a dense backbone receives a gradient from its four outputs (drop
 * path off: a dropped block would legitimately get none).
 */
class DenseGradientTest {
  @ParameterizedTest
  @ValueSource(strings = {"hire_mlp", "as_mlp"})
  void gradientsReachEveryParameter(String type) {
    Backbone net =
        type.equals("hire_mlp")
            ? TestConfigs.narrowHire(List.of(1, 1, 2, 1), 0.0).dense()
            : new AsMlpConfig(null, 8, List.of(1, 1, 1, 1), null, null, 0.0, null, null, null, null)
                .dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 48, 48));
      ParameterStore ps = new ParameterStore(m, false);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        FeatureMaps out = net.extract(ps, m.randomNormal(new Shape(2, 3, 48, 48)), true);
        NDArray loss = null;
        for (String name : out.names()) {
          NDArray s = out.get(name).pow(2).mean();
          loss = loss == null ? s : loss.add(s);
        }
        gc.backward(loss);
      }
      for (Map.Entry<String, Parameter> e : ParameterNames.of(net).entrySet()) {
        if (!e.getValue().requiresGradient()) {
          continue;
        }
        NDArray g = e.getValue().getArray().getGradient();
        assertThat(g.abs().sum().getFloat()).as(e.getKey()).isGreaterThan(0f);
      }
    }
  }
}

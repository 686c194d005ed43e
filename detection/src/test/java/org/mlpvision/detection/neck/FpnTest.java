package org.mlpvision.detection.neck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.detection.parity.PrecomputedPyramid;

class FpnTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  /** A 4-level pyramid of a 96x160 input: 24x40, 12x20, 6x10, 3x5 maps with 2 channels. */
  private Map<String, NDArray> pyramid() {
    Map<String, NDArray> maps = new LinkedHashMap<>();
    int i = 2;
    for (int stride = 4; stride <= 32; stride *= 2) {
      Shape s = new Shape(1, 2, 96 / stride, 160 / stride);
      maps.put("c" + i++, m.arange(0f, s.size()).mul(0.1f * stride).sin().reshape(s));
    }
    return maps;
  }

  private Fpn identityFpn(Map<String, NDArray> maps) {
    PrecomputedPyramid bottomUp = new PrecomputedPyramid(maps, 96, 160);
    Fpn fpn = new FpnConfig("FPN", List.of(2, 2, 2, 2), 2, 5, null, null).build(bottomUp);
    fpn.initialize(m, DataType.FLOAT32, new Shape(1, 3, 96, 160));
    // Laterals and output convs pass each channel through unchanged.
    ParameterNames.of(fpn)
        .forEach(
            (k, p) -> {
              NDArray a = p.getArray();
              float[] v = new float[Math.toIntExact(a.size())];
              if (k.endsWith("weight")) {
                long taps = a.getShape().get(2) * a.getShape().get(3);
                for (int c = 0; c < 2; c++) {
                  v[(int) ((c * 2 + c) * taps + taps / 2)] = 1;
                }
              }
              a.set(v);
            });
    return fpn;
  }

  @Test
  void nearestUpsamplingReadsPyTorchsSourcePixels() {
    // PyTorch 'nearest' to 5 from 3: source floor(i * 3/5) = 0, 0, 1, 1, 2.
    NDArray x = m.arange(0f, 9f).reshape(1, 1, 3, 3);
    NDArray y = Fpn.nearest(x, 5, 6);
    assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 5, 6));
    assertThat(y.get("0, 0, :, 0").toFloatArray()).containsExactly(0, 0, 3, 3, 6);
    assertThat(y.get("0, 0, 0, :").toFloatArray()).containsExactly(0, 0, 1, 1, 2, 2);
  }

  @Test
  void topDownSumsUpsampledCoarserLevelsAndP6SubsamplesP5() {
    Map<String, NDArray> c = pyramid();
    Fpn fpn = identityFpn(c);
    FeatureMaps out = fpn.apply(new ParameterStore(m, false), new FeatureMaps(c), false);
    assertThat(out.names()).containsExactly("p2", "p3", "p4", "p5", "p6");
    assertThat(fpn.outputShapes().stream().map(FeatureSpec::stride).toList())
        .containsExactly(4, 8, 16, 32, 64);
    NDArray p5 = c.get("c5");
    NDArray p4 = c.get("c4").add(Fpn.nearest(p5, 6, 10));
    NDArray p3 = c.get("c3").add(Fpn.nearest(p4, 12, 20));
    NDArray p2 = c.get("c2").add(Fpn.nearest(p3, 24, 40));
    assertClose(out.get("p5"), p5);
    assertClose(out.get("p4"), p4);
    assertClose(out.get("p3"), p3);
    assertClose(out.get("p2"), p2);
    // max_pool2d(kernel 1, stride 2): every other pixel, ceil(3/2) x ceil(5/2).
    assertThat(out.get("p6").getShape()).isEqualTo(new Shape(1, 2, 2, 3));
    assertClose(out.get("p6"), p5.get(":, :, ::2, ::2"));
    assertThat(fpn.outputSizes(96, 160).get(4)).containsExactly(2, 3);
  }

  @Test
  void parameterNamesAreMmdets() {
    Fpn fpn = identityFpn(pyramid());
    assertThat(ParameterNames.of(fpn).keySet())
        .contains(
            "lateral_convs.0.conv.weight",
            "lateral_convs.3.conv.bias",
            "fpn_convs.0.conv.weight",
            "fpn_convs.3.conv.bias")
        .hasSize(16);
  }

  @Test
  void inChannelsMustMatchTheBackbone() {
    PrecomputedPyramid bottomUp = new PrecomputedPyramid(pyramid(), 96, 160);
    FpnConfig c = new FpnConfig("FPN", List.of(2, 2, 4, 2), 8, 5, null, null);
    assertThatThrownBy(() -> c.build(bottomUp))
        .hasMessageContaining("in_channels [2, 2, 4, 2] must equal the backbone's [2, 2, 2, 2]");
  }

  private static void assertClose(NDArray got, NDArray expected) {
    assertThat(got.getShape()).isEqualTo(expected.getShape());
    assertThat(got.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
  }
}

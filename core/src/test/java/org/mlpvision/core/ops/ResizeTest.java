package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class ResizeTest {
  @Test
  void matchesTorchInterpolateBothWaysAndBothCornerModes() throws Exception {
    ObjectMapper om = new ObjectMapper();
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("torch_interpolate_bilinear.json")) {
      root = om.readTree(in);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x =
          m.create(
              om.convertValue(root.get("input"), double[].class),
              new Shape(om.convertValue(root.get("shape"), long[].class)));
      int cases = 0;
      for (JsonNode c : root.get("cases")) {
        double[] expected = om.convertValue(c.get("output"), double[].class);
        double[] actual =
            Resize.bilinear(
                    x,
                    c.get("outH").asLong(),
                    c.get("outW").asLong(),
                    c.get("alignCorners").asBoolean())
                .toDoubleArray();
        assertThat(actual)
            .as("case %s", c.toString().substring(0, 40))
            .containsExactly(expected, within(1e-12));
        cases++;
      }
      assertThat(cases).isEqualTo(10);
    }
  }

  @Test
  void upsamplingWithoutAlignCornersEqualsDjlInterpolation() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(1, 2, 4, 6));
      NDArray ours = Resize.bilinear(x, 7, 9, false);
      NDArray djl = x.getNDArrayInternal().interpolation(new long[] {7, 9}, 1, false);
      assertThat(ours.sub(djl).abs().max().getFloat()).isLessThan(1e-5f);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(1, 1, 4, 5), DataType.FLOAT64);
      assertThat(GradientCheck.maxRelativeError(m, x, in -> Resize.bilinear(in, 3, 7, true), 1e-6))
          .isLessThan(1e-6);
      assertThat(GradientCheck.maxRelativeError(m, x, in -> Resize.bilinear(in, 2, 2, false), 1e-6))
          .isLessThan(1e-6);
    }
  }

  @Test
  void rejectsBadSizes() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> Resize.bilinear(m.zeros(new Shape(3)), 2, 2, false))
          .hasMessageContaining("got (3)");
      assertThatThrownBy(() -> Resize.bilinear(m.zeros(new Shape(2, 2)), 0, 2, false))
          .hasMessageContaining("0x2");
    }
  }
}

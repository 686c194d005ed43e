package org.mlpvision.detection.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.detection.roi.RoiAlign;

class MaskTargetsTest {
  private static NDArray block(NDManager m) {
    NDArray mask = m.zeros(new Shape(6, 6), DataType.UINT8);
    mask.set(new ai.djl.ndarray.index.NDIndex("1:5, 1:5"), 1);
    return mask;
  }

  @Test
  void cropsAndResizesTheSpecBlockToAPlus() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray masks = block(m).expandDims(0);
      NDArray roi = m.create(new float[] {0, 0, 0, 6, 6}).reshape(1, 5);
      float[] soft =
          RoiAlign.of(3, 1)
              .apply(masks.toType(DataType.FLOAT32, false).expandDims(0), roi)
              .toFloatArray();
      assertThat(soft)
          .containsExactly(
              new float[] {.25f, .5f, .25f, .5f, 1, .5f, .25f, .5f, .25f}, within(1e-6f));
      NDArray t =
          new MaskTargets(3)
              .compute(masks, m.create(new float[] {0, 0, 6, 6}).reshape(1, 4), new long[] {0});
      assertThat(t.toFloatArray()).containsExactly(0, 1, 0, 1, 1, 1, 0, 1, 0);
    }
  }

  @Test
  void usesTheAssignedMaskAndClipsTheBoxToTheMask() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray other = m.ones(new Shape(6, 6), DataType.UINT8);
      NDArray masks = other.expandDims(0).concat(block(m).expandDims(0), 0);
      NDArray boxes = m.create(new float[] {-4, -4, 10, 10, 0, 0, 6, 6}).reshape(2, 4);
      NDArray t = new MaskTargets(3).compute(masks, boxes, new long[] {1, 0});
      assertThat(t.getShape()).isEqualTo(new Shape(2, 3, 3));
      // The first box clips to [0,0,6,6] on mask 1: the plus again; the second reads all-ones mask
      // 0.
      assertThat(t.get(0).toFloatArray()).containsExactly(0, 1, 0, 1, 1, 1, 0, 1, 0);
      assertThat(t.get(1).toFloatArray()).containsOnly(1f);
      assertThatThrownBy(() -> new MaskTargets(3).compute(masks, boxes, new long[] {2, 0}))
          .hasMessageContaining("posGtInds[0] must be in [0,2), got 2");
    }
  }
}

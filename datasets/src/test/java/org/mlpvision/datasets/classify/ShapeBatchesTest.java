package org.mlpvision.datasets.classify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeBatchesTest {
  private static final ShapeImages IMAGES =
      ShapeImages.generate(new ShapesSpec(16, 20, 4, 0.1, 1L, 5), ShapeImages.Split.TRAIN);

  @Test
  void batchDependsOnlyOnItsIndexNotOnEarlierCalls() {
    try (NDManager m = NDManager.newBaseManager()) {
      ShapeBatches walked = new ShapeBatches(IMAGES, 5, 9);
      for (int i = 0; i < 7; i++) {
        walked.batch(i, m);
      }
      ShapeBatch late = walked.batch(7, m);
      ShapeBatch fresh = new ShapeBatches(IMAGES, 5, 9).batch(7, m);
      assertThat(late.labels().toLongArray()).containsExactly(fresh.labels().toLongArray());
      assertThat(late.images().toFloatArray()).containsExactly(fresh.images().toFloatArray());
      assertThat(late.images().getShape().toString()).isEqualTo("(5, 3, 16, 16)");
    }
  }

  @Test
  void everyImageIsSeenOncePerEpochInAShuffledOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      ShapeBatches b = new ShapeBatches(IMAGES, 5, 9);
      List<Float> firstPixels = new ArrayList<>();
      List<Float> epoch2 = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ShapeBatch batch = b.batch(i, m);
        for (int j = 0; j < 5; j++) {
          firstPixels.add(batch.images().get(j).getFloat(0, 3, 3));
        }
      }
      for (int i = 4; i < 8; i++) {
        ShapeBatch batch = b.batch(i, m);
        for (int j = 0; j < 5; j++) {
          epoch2.add(batch.images().get(j).getFloat(0, 3, 3));
        }
      }
      List<Float> all = new ArrayList<>();
      float[] one = new float[3 * 16 * 16];
      for (int i = 0; i < 20; i++) {
        IMAGES.copyNormalized(i, one, 0);
        all.add(one[3 * 16 + 3]);
      }
      assertThat(firstPixels).containsExactlyInAnyOrderElementsOf(all);
      assertThat(epoch2).containsExactlyInAnyOrderElementsOf(all);
      assertThat(epoch2).isNotEqualTo(firstPixels);
      assertThat(firstPixels).isNotEqualTo(all);
    }
  }
}

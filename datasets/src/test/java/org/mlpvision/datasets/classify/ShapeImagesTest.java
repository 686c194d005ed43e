package org.mlpvision.datasets.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShapeImagesTest {
  private static final ShapesSpec SPEC = new ShapesSpec(32, 40, 12, 0.1, 3L, 8);

  private static long checksum(ShapeImages s) {
    long h = 0;
    for (int i = 0; i < s.count(); i++) {
      for (int y = 0; y < 32; y++) {
        h = h * 31 + s.pixel(i, 1, y, y) + 7L * s.label(i);
      }
    }
    return h;
  }

  @Test
  void sameSeedGivesTheSameImagesAndAnotherSeedDifferentOnes() {
    ShapeImages a = ShapeImages.generate(SPEC, ShapeImages.Split.TRAIN);
    ShapeImages b = ShapeImages.generate(SPEC, ShapeImages.Split.TRAIN);
    ShapeImages other =
        ShapeImages.generate(new ShapesSpec(32, 40, 12, 0.1, 4L, 8), ShapeImages.Split.TRAIN);
    ShapeImages val = ShapeImages.generate(SPEC, ShapeImages.Split.VAL);
    assertThat(checksum(a)).isEqualTo(checksum(b));
    assertThat(checksum(other)).isNotEqualTo(checksum(a));
    assertThat(val.count()).isEqualTo(12);
    assertThat(val.pixel(0, 0, 5, 5)).isNotEqualTo(a.pixel(0, 0, 5, 5));
  }

  @Test
  void classesAreBalanced() {
    ShapeImages a = ShapeImages.generate(SPEC, ShapeImages.Split.TRAIN);
    int[] counts = new int[4];
    for (int i = 0; i < a.count(); i++) {
      counts[a.label(i)]++;
    }
    assertThat(counts).containsOnly(10);
  }

  @Test
  void shapesCoverAVisibleButPartialAreaOfTheImage() {
    ShapesSpec clean = new ShapesSpec(32, 8, 1, 0.0, 5L, 8);
    ShapeImages a = ShapeImages.generate(clean, ShapeImages.Split.TRAIN);
    for (int i = 0; i < a.count(); i++) {
      // Without noise, the background colour is the corner pixel; count pixels that differ.
      int differing = 0;
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          if (Math.abs(a.pixel(i, 0, y, x) - a.pixel(i, 0, 0, 0))
                  + Math.abs(a.pixel(i, 1, y, x) - a.pixel(i, 1, 0, 0))
                  + Math.abs(a.pixel(i, 2, y, x) - a.pixel(i, 2, 0, 0))
              > 20) {
            differing++;
          }
        }
      }
      assertThat(differing).as("image %d", i).isBetween(20, 32 * 32 * 2 / 3);
    }
  }

  @Test
  void circlesContainTheirCentreAndCrossesLeaveTheirDiagonalsEmpty() {
    assertThat(ShapeClass.CIRCLE.contains(0, 0, 5)).isTrue();
    assertThat(ShapeClass.CIRCLE.contains(4, 4, 5)).isFalse();
    assertThat(ShapeClass.SQUARE.contains(3.9, 3.9, 5)).isTrue();
    assertThat(ShapeClass.CROSS.contains(3, 3, 5)).isFalse();
    assertThat(ShapeClass.CROSS.contains(0, 4.5, 5)).isTrue();
    assertThat(ShapeClass.TRIANGLE.contains(0, 0, 5)).isTrue();
    assertThat(ShapeClass.TRIANGLE.contains(0, -4, 5)).isFalse(); // beyond the base at r/2
    assertThat(ShapeClass.TRIANGLE.contains(0, 4.5, 5)).isTrue(); // near the apex
  }
}

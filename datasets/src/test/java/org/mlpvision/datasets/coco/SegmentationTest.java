package org.mlpvision.datasets.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentationTest {
  @Test
  void compactPolygonsGiveBackTheParsedDoublesBitForBit() {
    Random r = new Random(4);
    for (int t = 0; t < 2000; t++) {
      double[] xy = new double[6 + 2 * r.nextInt(10)];
      for (int i = 0; i < xy.length; i++) {
        // Decimal text as COCO writes it (0-3 decimals), parsed as the reader does.
        String text =
            switch (r.nextInt(4)) {
              case 0 -> Integer.toString(r.nextInt(2000));
              case 1 -> String.format("%.1f", r.nextDouble() * 2000);
              case 2 -> String.format("%.2f", r.nextDouble() * 2000);
              default -> String.format("%.3f", r.nextDouble() * 2000 - 10);
            };
        xy[i] = Double.parseDouble(text);
      }
      Segmentation.Polygons p = new Segmentation.Polygons(List.of(xy, xy.clone()));
      assertThat(p.size()).isEqualTo(2);
      double[] back = p.polygon(0);
      for (int i = 0; i < xy.length; i++) {
        assertThat(Double.doubleToRawLongBits(back[i]))
            .as("coordinate %s", xy[i])
            .isEqualTo(Double.doubleToRawLongBits(xy[i]));
      }
    }
  }

  @Test
  void polygonsAreCopiesSoCallersCannotChangeTheData() {
    double[] xy = {1.25, 2, 3, 4.5, 5, 6};
    Segmentation.Polygons p = new Segmentation.Polygons(List.of(xy));
    xy[0] = 99;
    p.polygons().get(0)[1] = 99;
    assertThat(p.polygon(0)).containsExactly(1.25, 2, 3, 4.5, 5, 6);
  }
}

package org.mlpvision.datasets.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.ade.AdeDataset;
import org.mlpvision.datasets.ade.AdeStats;

class AdeShapesWriterTest {
  @TempDir Path tmp;

  @Test
  void writesTheSceneParsingLayoutWithRawLabels() {
    AdeShapesWriter.write(new SynthSpec(tmp, 4, 2, 80, 60, 3));
    AdeDataset train = AdeDataset.open(tmp, "training", false);
    assertThat(train.samples()).hasSize(4);
    assertThat(train.samples().get(0).stem()).isEqualTo("ADE_train_00000001");
    assertThat(AdeDataset.open(tmp, "validation", false).samples()).hasSize(2);
    AdeStats stats = AdeStats.of(train);
    assertThat(stats.images()).isEqualTo(4);
    assertThat(stats.invalidPixels()).isZero();
    assertThat(stats.pixels()[3]).as("sky").isPositive();
    long total = 0;
    for (long p : stats.pixels()) {
      total += p;
    }
    assertThat(total).isEqualTo(4L * 80 * 60);
  }
}

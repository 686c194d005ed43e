package org.mlpvision.datasets.ade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.TestImages;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.Mat;

class AdeDatasetTest {
  @TempDir Path tmp;

  @Test
  void reduceZeroLabelMatchesMmseg() {
    byte[] v = {0, 1, 2, (byte) 150, (byte) 255};
    LabelMaps.reduceZeroLabel(v);
    assertThat(v).containsExactly((byte) 255, 0, 1, (byte) 149, (byte) 255);
  }

  @Test
  void classTableHasMmsegNamesAndPalette() {
    AdeClasses c = AdeClasses.standard();
    assertThat(c.names()).hasSize(150);
    assertThat(c.name(0)).isEqualTo("wall");
    assertThat(c.name(149)).isEqualTo("flag");
    assertThat(c.colour(2)).containsExactly(6, 230, 230);
  }

  @Test
  void missingLabelMapIsAnErrorOrASkip() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 2, 0, 32, 32, 1));
    Files.delete(tmp.resolve("annotations/training/ADE_train_00000002.png"));
    assertThatThrownBy(() -> AdeDataset.open(tmp, "training", false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("ADE_train_00000002.png")
        .hasMessageContaining("label map not found");
    AdeDataset d = AdeDataset.open(tmp, "training", true);
    assertThat(d.samples()).hasSize(1);
    assertThat(d.skipped()).hasSize(1);
  }

  @Test
  void paletteLabelMapsCountAsTheirIndices() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 2, 0, 32, 32, 1));
    AdeStats grey = AdeStats.of(AdeDataset.open(tmp, "training", false));
    // Rewrite every label map as a palette PNG with the same indices (as VOC-style tools do).
    try (var files = Files.list(tmp.resolve("annotations/training"))) {
      for (Path png : files.toList()) {
        Mat m = ImageFiles.readLabels(png, "x");
        byte[] raw = new byte[m.rows() * m.cols()];
        m.get(0, 0, raw);
        int[][] rows = new int[m.rows()][m.cols()];
        for (int i = 0; i < raw.length; i++) {
          rows[i / m.cols()][i % m.cols()] = raw[i] & 0xff;
        }
        m.release();
        TestImages.palettePng(png, 8, rows);
      }
    }
    AdeStats palette = AdeStats.of(AdeDataset.open(tmp, "training", false));
    assertThat(palette.pixels()).containsExactly(grey.pixels());
    assertThat(palette.images()).isEqualTo(2);
  }

  @Test
  void corruptImageNamesTheFile() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 1, 0, 32, 32, 1));
    Path jpg = tmp.resolve("images/training/ADE_train_00000001.jpg");
    Files.write(jpg, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> AdeStats.of(AdeDataset.open(tmp, "training", false)))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("ADE_train_00000001.jpg")
        .hasMessageContaining("cannot decode");
  }

  @Test
  void configTwinPinsDefaultsAndSkips() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 2, 0, 32, 32, 1));
    Files.delete(tmp.resolve("annotations/training/ADE_train_00000001.png"));
    AdeDataConfig c =
        org.mlpvision.core.config.ConfigSource.of(
                "c.json", "{\"root\":\"" + tmp + "\",\"skip_invalid\":true}")
            .as(AdeDataConfig.class);
    assertThat(c.split()).isEqualTo("training");
    assertThat(c.reduceZeroLabel()).isTrue();
    assertThat(c.open().samples()).hasSize(1);
    assertThatThrownBy(
            () ->
                org.mlpvision.core.config.ConfigSource.of(
                        "c.json", "{\"root\":\"x\",\"split\":\"train\"}")
                    .as(AdeDataConfig.class))
        .hasMessageContaining("split");
  }
}

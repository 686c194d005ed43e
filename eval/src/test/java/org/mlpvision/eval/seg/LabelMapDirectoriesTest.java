package org.mlpvision.eval.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.TestImages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class LabelMapDirectoriesTest {
  @BeforeAll
  static void loadOpenCv() {
    nu.pattern.OpenCV.loadLocally();
  }

  private static void png(Path file, int[][] rows) {
    Mat mat = new Mat(rows.length, rows[0].length, CvType.CV_8UC1);
    byte[] raw = new byte[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[0].length; c++) {
        raw[r * rows[0].length + c] = (byte) rows[r][c];
      }
    }
    mat.put(0, 0, raw);
    assertThat(Imgcodecs.imwrite(file.toString(), mat)).isTrue();
  }

  @Test
  void pairsPngsByStemAndReproducesTheWorkedExample(@TempDir Path dir) throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    png(gt.resolve("img1.png"), new int[][] {{0, 0, 1}, {1, 255, 2}});
    png(pred.resolve("img1.png"), new int[][] {{0, 1, 1}, {1, 2, 2}});
    png(gt.resolve("img2.png"), new int[][] {{0, 0}, {0, 0}});
    png(pred.resolve("img2.png"), new int[][] {{0, 0}, {1, 3}});
    try (SegmentationEvaluator ev = new SegmentationEvaluator(4, 255, false, Device.cpu())) {
      SegmentationMetrics r = LabelMapDirectories.evaluate(gt, pred, ev);
      assertThat(r.mIoU()).isEqualTo(0.5);
      assertThat(r.aAcc()).isEqualTo(6.0 / 9);
    }
  }

  @Test
  void missingOrWrongSizedPredictionNamesTheFile(@TempDir Path dir) throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    png(gt.resolve("a.png"), new int[][] {{0, 1}});
    try (SegmentationEvaluator ev = new SegmentationEvaluator(2, 255, false, Device.cpu())) {
      assertThatThrownBy(() -> LabelMapDirectories.evaluate(gt, pred, ev))
          .hasMessageContaining("a.png")
          .hasMessageContaining("missing prediction");
      png(pred.resolve("a.png"), new int[][] {{0}, {1}});
      assertThatThrownBy(() -> LabelMapDirectories.evaluate(gt, pred, ev))
          .hasMessageContaining("a.png")
          .hasMessageContaining("1x2");
    }
  }

  @Test
  void palettePngsAreReadAsTheirIndices(@TempDir Path dir) throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    // The worked example again, the ground truth written as palette PNGs (Pascal VOC style).
    TestImages.palettePng(gt.resolve("img1.png"), 8, new int[][] {{0, 0, 1}, {1, 255, 2}});
    png(pred.resolve("img1.png"), new int[][] {{0, 1, 1}, {1, 2, 2}});
    TestImages.palettePng(gt.resolve("img2.png"), 8, new int[][] {{0, 0}, {0, 0}});
    TestImages.palettePng(pred.resolve("img2.png"), 4, new int[][] {{0, 0}, {1, 3}});
    try (SegmentationEvaluator ev = new SegmentationEvaluator(4, 255, false, Device.cpu())) {
      SegmentationMetrics r = LabelMapDirectories.evaluate(gt, pred, ev);
      assertThat(r.mIoU()).isEqualTo(0.5);
      assertThat(r.aAcc()).isEqualTo(6.0 / 9);
    }
  }

  @Test
  void labelsOutsideTheClassesAreCountedInAWarningNamingFolderAndFile(@TempDir Path dir)
      throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    png(gt.resolve("a.png"), new int[][] {{0, 1}});
    png(pred.resolve("a.png"), new int[][] {{0, 1}});
    png(gt.resolve("b.png"), new int[][] {{0, 200}, {201, 255}});
    png(pred.resolve("b.png"), new int[][] {{0, 0}, {1, 1}});
    try (SegmentationEvaluator ev = new SegmentationEvaluator(2, 255, false, Device.cpu())) {
      SegmentationMetrics r = LabelMapDirectories.evaluate(gt, pred, ev);
      assertThat(r.labelArea()).containsExactly(2, 1);
      assertThat(r.predArea()).containsExactly(3, 2);
      assertThat(ev.droppedLabelsWarning().orElseThrow())
          .startsWith("2 ground-truth pixels")
          .endsWith("(first in " + gt.resolve("b.png") + " and " + pred.resolve("b.png") + ")");
    }
  }
}

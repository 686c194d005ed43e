package org.mlpvision.eval.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentationEvaluatorTest {
  private static NDArray map(NDManager m, int[][] rows) {
    return m.create(rows);
  }

  /** The spec's worked example (heads.md 10.2), C=4 with ignore 255. */
  @Test
  void workedExampleGivesSpecTotalsAndMeans() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(4, 255, false, Device.cpu())) {
      ev.process(
          map(m, new int[][] {{0, 0, 1}, {1, 255, 2}}), map(m, new int[][] {{0, 1, 1}, {1, 2, 2}}));
      ev.process(map(m, new int[][] {{0, 0}, {0, 0}}), map(m, new int[][] {{0, 0}, {1, 3}}));
      SegmentationMetrics r = ev.evaluate();
      assertThat(r.intersect()).containsExactly(3, 2, 1, 0);
      assertThat(r.union()).containsExactly(6, 4, 1, 1);
      assertThat(r.labelArea()).containsExactly(6, 2, 1, 0);
      assertThat(r.iou()).containsExactly(0.5, 0.5, 1.0, 0.0);
      assertThat(r.acc()[0]).isEqualTo(0.5);
      assertThat(r.acc()[3]).isNaN();
      assertThat(r.mIoU()).isEqualTo(0.5);
      assertThat(r.mAcc()).isCloseTo(2.5 / 3, within(1e-15));
      assertThat(r.aAcc()).isCloseTo(6.0 / 9, within(1e-15));
    }
  }

  @Test
  void classAbsentFromBothSidesIsNaNAndSkippedInTheMeans() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(5, 255, false, Device.cpu())) {
      ev.process(
          map(m, new int[][] {{0, 0, 1}, {1, 255, 2}}), map(m, new int[][] {{0, 1, 1}, {1, 2, 2}}));
      ev.process(map(m, new int[][] {{0, 0}, {0, 0}}), map(m, new int[][] {{0, 0}, {1, 3}}));
      SegmentationMetrics r = ev.evaluate();
      assertThat(r.iou()[4]).isNaN();
      assertThat(r.acc()[4]).isNaN();
      assertThat(r.mIoU()).isEqualTo(0.5);
      assertThat(r.mAcc()).isCloseTo(2.5 / 3, within(1e-15));
    }
  }

  @Test
  void reduceZeroLabelIgnoresZeroAndShiftsTheRestDown() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(2, 255, true, Device.cpu())) {
      // raw gt 0 -> ignored, 1 -> class 0, 2 -> class 1, 255 stays ignored
      ev.process(map(m, new int[][] {{0, 1, 2, 255}}), map(m, new int[][] {{1, 0, 0, 1}}));
      long[][] c = ev.confusion();
      assertThat(c[0]).containsExactly(1, 0);
      assertThat(c[1]).containsExactly(1, 0);
      assertThat(ev.evaluate().aAcc()).isEqualTo(0.5);
    }
  }

  @Test
  void matchesAPlainHostConfusionOnRandomMaps() {
    Random rnd = new Random(7);
    int k = 6;
    long[][] expected = new long[k][k];
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(k, 255, false, Device.cpu())) {
      for (int img = 0; img < 5; img++) {
        int h = 3 + rnd.nextInt(6);
        int w = 3 + rnd.nextInt(6);
        int[] g = new int[h * w];
        int[] p = new int[h * w];
        for (int i = 0; i < g.length; i++) {
          g[i] = rnd.nextInt(8) == 0 ? 255 : rnd.nextInt(k);
          p[i] = rnd.nextInt(k);
          if (g[i] != 255) {
            expected[g[i]][p[i]]++;
          }
        }
        ev.process(m.create(g, new Shape(h, w)), m.create(p, new Shape(h, w)));
      }
      assertThat(ev.confusion()).isDeepEqualTo(expected);
      assertThat(ev.imageCount()).isEqualTo(5);
      ev.reset();
      assertThat(ev.confusion()[0]).containsOnly(0L);
    }
  }

  @Test
  void nativeMemoryStaysFlatOverManyImages() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(3, 255, false, Device.cpu())) {
      NDArray g = m.randomInteger(0, 3, new Shape(16, 16), ai.djl.ndarray.types.DataType.INT32);
      NDArray p = m.randomInteger(0, 3, new Shape(16, 16), ai.djl.ndarray.types.DataType.INT32);
      ev.process(g, p);
      int callerArrays = m.getManagedArrays().size();
      for (int i = 0; i < 200; i++) {
        ev.process(g, p);
      }
      assertThat(m.getManagedArrays()).hasSize(callerArrays);
      long[][] c = ev.confusion();
      long total = 0;
      for (long[] row : c) {
        for (long v : row) {
          total += v;
        }
      }
      assertThat(total).isEqualTo(201L * 256);
    }
  }

  @Test
  void labelsOutsideTheClassesAreDroppedFromTheirOwnHistogramOnlyAsMmsegHistcDoes() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(3, 255, false, Device.cpu())) {
      // gt 7 (not ignored) under prediction 1; prediction 5 over gt 1.
      ev.process(
          "gt/a.png", map(m, new int[][] {{0, 7, 1, 2}}), map(m, new int[][] {{0, 1, 5, 2}}));
      ev.process("gt/b.png", map(m, new int[][] {{0, 9}}), map(m, new int[][] {{0, 0}}));
      SegmentationMetrics r = ev.evaluate();
      // mmseg: intersect histc([0,2,0]), pred histc([0,1,5,2,0,0]), label histc([0,7,1,2,0,9])
      assertThat(r.intersect()).containsExactly(2, 0, 1);
      assertThat(r.predArea()).containsExactly(3, 1, 1);
      assertThat(r.labelArea()).containsExactly(2, 1, 1);
      assertThat(r.union()).containsExactly(3, 2, 1);
      assertThat(r.iou()).containsExactly(2.0 / 3, 0.0, 1.0);
      assertThat(r.aAcc()).isEqualTo(3.0 / 4);
      assertThat(ev.droppedGroundTruth()).isEqualTo(2);
      assertThat(ev.droppedPredictions()).isEqualTo(1);
      assertThat(ev.droppedLabelsWarning())
          .hasValue(
              "2 ground-truth pixels with labels outside [0,3) that are not the ignore index 255,"
                  + " and 1 predictions outside [0,3), were left out of the counts as mmseg's"
                  + " histc does (first in gt/a.png)");
      assertThatThrownBy(
              () ->
                  ev.process("c.png", map(m, new int[][] {{0, 1}}), map(m, new int[][] {{0}, {1}})))
          .hasMessageContaining("c.png")
          .hasMessageContaining("size");
      ev.reset();
      assertThat(ev.droppedLabelsWarning()).isEmpty();
    }
  }

  /**
   * A plain transcription of mmseg 0.11 {@code intersect_and_union} with {@code torch.histc} over
   * [0, K-1]: returns {intersect, pred area, label area}.
   */
  private static long[][] mmsegAreas(int[] gt, int[] pred, int k, int ignore, boolean reduce) {
    long[][] areas = new long[3][k];
    for (int i = 0; i < gt.length; i++) {
      int label = gt[i];
      if (reduce) {
        label = label == 0 ? 255 : label;
        label = label - 1;
        label = label == 254 ? 255 : label;
      }
      if (label == ignore) {
        continue;
      }
      int p = pred[i];
      if (p == label && p >= 0 && p < k) {
        areas[0][p]++;
      }
      if (p >= 0 && p < k) {
        areas[1][p]++;
      }
      if (label >= 0 && label < k) {
        areas[2][label]++;
      }
    }
    return areas;
  }

  @Test
  void matchesMmsegOnRandomMapsWithOutOfRangeAndIgnoredLabels() {
    Random rnd = new Random(11);
    int k = 5;
    for (boolean reduce : new boolean[] {false, true}) {
      for (int ignore : new int[] {255, 100}) {
        long[][] expected = new long[3][k];
        try (NDManager m = NDManager.newBaseManager();
            SegmentationEvaluator ev = new SegmentationEvaluator(k, ignore, reduce, Device.cpu())) {
          for (int img = 0; img < 6; img++) {
            int h = 2 + rnd.nextInt(6);
            int w = 2 + rnd.nextInt(6);
            int[] g = new int[h * w];
            int[] p = new int[h * w];
            for (int i = 0; i < g.length; i++) {
              int[] gChoices = {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 254, 255, 256};
              g[i] = gChoices[rnd.nextInt(gChoices.length)];
              p[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(300) - 20 : rnd.nextInt(k);
            }
            long[][] a = mmsegAreas(g, p, k, ignore, reduce);
            for (int r = 0; r < 3; r++) {
              for (int c = 0; c < k; c++) {
                expected[r][c] += a[r][c];
              }
            }
            ev.process(m.create(g, new Shape(h, w)), m.create(p, new Shape(h, w)));
          }
          SegmentationMetrics r = ev.evaluate();
          String what = "reduce " + reduce + ", ignore " + ignore;
          assertThat(r.intersect()).as(what).containsExactly(expected[0]);
          assertThat(r.predArea()).as(what).containsExactly(expected[1]);
          assertThat(r.labelArea()).as(what).containsExactly(expected[2]);
        }
      }
    }
  }

  @Test
  void predictionUnderAnIgnoredPixelMayBeAnything() {
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator ev = new SegmentationEvaluator(2, 255, false, Device.cpu())) {
      ev.process(map(m, new int[][] {{1, 255}}), map(m, new int[][] {{1, 255}}));
      assertThat(ev.evaluate().aAcc()).isEqualTo(1.0);
    }
  }
}

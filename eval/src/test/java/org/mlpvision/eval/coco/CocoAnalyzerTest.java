package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.eval.NumpySum;

/** The error analysis against the evaluator's precision arrays and a plain reference. */
class CocoAnalyzerTest {
  private static final int R = 101;
  private static final int A = 4;

  /** Categories of a random case, with two supercategories so that Sim and Oth differ. */
  private static List<CocoCategory> categories(RandomCocoCase c) {
    List<CocoCategory> out = new ArrayList<>();
    for (int i = 0; i < c.categoryIds.length; i++) {
      int id = c.categoryIds[i];
      out.add(new CocoCategory(id, "c" + id, i % 2 == 0 ? "even" : "odd"));
    }
    return out;
  }

  private static String supercategory(List<CocoCategory> cats, int id) {
    return cats.stream().filter(x -> x.id() == id).findFirst().orElseThrow().supercategory();
  }

  @Test
  void tightRowsAreTheEvaluatorsPrecisionAndTheirAreasItsAp() {
    for (long seed = 0; seed < 60; seed++) {
      IouType type = seed % 4 == 3 ? IouType.SEGM : IouType.BBOX;
      RandomCocoCase c = new RandomCocoCase(seed, type);
      CocoParams p = new CocoParams(type, new int[] {1, 10, 100}, 2);
      CocoSummary s;
      CocoAnalysis an;
      try (CocoEvaluator ev = new CocoEvaluator(c.groundTruth(), p, Device.cpu());
          CocoAnalyzer az = new CocoAnalyzer(c.groundTruth(), categories(c), type, 2)) {
        c.detectionsByImage().forEach(ev::add);
        c.detectionsByImage().forEach(az::add);
        s = ev.evaluate();
        an = az.analyze();
      }
      int nk = c.categoryIds.length;
      for (int k = 0; k < nk; k++) {
        for (int a = 0; a < A; a++) {
          double[] c75 = an.curve("C75", k, a);
          double[] c50 = an.curve("C50", k, a);
          if (s.precision(5, 0, k, a, 2) < 0) {
            assertThat(c75).as("seed %d k%d a%d has no ground truth", seed, k, a).isNull();
            continue;
          }
          for (int r = 0; r < R; r++) {
            assertThat(c75[r]).isEqualTo(s.precision(5, r, k, a, 2));
            assertThat(c50[r]).isEqualTo(s.precision(0, r, k, a, 2));
          }
          double[] bg = an.curve("BG", k, a);
          double[] oth = an.curve("Oth", k, a);
          for (int r = 0; r < R; r++) {
            assertThat(bg[r]).isEqualTo(oth[r] > 0 ? 1.0 : 0.0);
            assertThat(an.curve("FN", k, a)[r]).isEqualTo(1.0);
          }
        }
      }
      // Areas under the overall curves are COCO's AP50 and AP75 (all areas, limit 100) ...
      if (an.overall("C75", 0) != null) {
        assertThat(CocoAnalysis.auc(an.overall("C75", 0))).isCloseTo(s.stats()[2], within(1e-12));
        assertThat(CocoAnalysis.auc(an.overall("C50", 0))).isCloseTo(s.stats()[1], within(1e-12));
      }
      // ... and in each area range, the mean of the evaluator's defined precision values.
      for (int a = 1; a < A; a++) {
        double[] values = new double[R * nk];
        int n = 0;
        for (int r = 0; r < R; r++) {
          for (int k = 0; k < nk; k++) {
            double v = s.precision(5, r, k, a, 2);
            if (v > -1) {
              values[n++] = v;
            }
          }
        }
        double[] overall = an.overall("C75", a);
        assertThat(overall == null).isEqualTo(n == 0);
        if (n > 0) {
          assertThat(CocoAnalysis.auc(overall))
              .isCloseTo(NumpySum.pairwise(values, 0, n) / n, within(1e-12));
        }
      }
    }
  }

  @Test
  void looseRowsAgreeWithThePlainReferenceOfTheMatlabAnalysis() {
    for (long seed = 100; seed < 160; seed++) {
      IouType type = seed % 3 == 2 ? IouType.SEGM : IouType.BBOX;
      RandomCocoCase c = new RandomCocoCase(seed, type);
      List<CocoCategory> cats = categories(c);
      CocoAnalysis an;
      try (CocoAnalyzer az = new CocoAnalyzer(c.groundTruth(), cats, type, 1 + (int) seed % 2)) {
        c.detectionsByImage().forEach(az::add);
        an = az.analyze();
      }
      int nk = c.categoryIds.length;
      int[] limit = {100};
      ReferenceCocoEval loc =
          new ReferenceCocoEval(
              c.imageIds, c.categoryIds, c.gts, c.dts, type, limit, new double[] {.1}, g -> false);
      for (int k = 0; k < nk; k++) {
        int cat = c.categoryIds[k];
        String sup = supercategory(cats, cat);
        // MATLAB analyze: this category's detections against (a) the ground truths of its
        // supercategory, (b) all ground truths, with category labels ignored (one pseudo
        // category) and every other category's ground truth flagged ignore.
        List<ReferenceCocoEval.Dt> dts = c.dts.stream().filter(d -> d.categoryId() == cat).toList();
        List<GroundTruthObject> similar = new ArrayList<>();
        List<GroundTruthObject> all = new ArrayList<>();
        List<GroundTruthObject> flagged = new ArrayList<>();
        for (GroundTruthObject g : c.gts) {
          GroundTruthObject as =
              new GroundTruthObject(
                  g.id(), g.imageId(), cat, g.bbox(), g.area(), g.crowd(), g.mask());
          if (g.categoryId() != cat) {
            flagged.add(as);
          }
          all.add(as);
          if (supercategory(cats, g.categoryId()).equals(sup)) {
            similar.add(as);
          }
        }
        int[] one = {cat};
        double[] loose = {.1};
        ReferenceCocoEval sim =
            new ReferenceCocoEval(
                c.imageIds, one, similar, dts, type, limit, loose, g -> flagged.contains(g));
        ReferenceCocoEval oth =
            new ReferenceCocoEval(
                c.imageIds, one, all, dts, type, limit, loose, g -> flagged.contains(g));
        for (int a = 0; a < A; a++) {
          double[] gotLoc = an.curve("Loc", k, a);
          if (gotLoc == null) {
            assertThat(loc.precision[(k * A + a)]).isEqualTo(-1);
            continue;
          }
          for (int r = 0; r < R; r++) {
            String at = "seed " + seed + " k" + k + " a" + a + " r" + r;
            assertThat(gotLoc[r]).as("Loc " + at).isEqualTo(loc.precision[(r * nk + k) * A + a]);
            assertThat(an.curve("Sim", k, a)[r])
                .as("Sim " + at)
                .isEqualTo(sim.precision[r * A + a]);
            assertThat(an.curve("Oth", k, a)[r])
                .as("Oth " + at)
                .isEqualTo(oth.precision[r * A + a]);
          }
        }
      }
    }
  }

  /**
   * One image: a cat, a dog (both animals) and a car. The cat detector fires on the dog, on the
   * car, on the background, and then finds the cat with IoU 0.6.
   */
  @Test
  void eachKindOfErrorIsRemovedByItsRow() {
    GroundTruthSet gt =
        GroundTruthSet.builder()
            .addImage(1, 100, 100)
            .addCategory(1)
            .addCategory(2)
            .addCategory(3)
            .addObject(
                new GroundTruthObject(1, 1, 1, new double[] {0, 0, 40, 40}, 1600, false, null))
            .addObject(
                new GroundTruthObject(2, 1, 2, new double[] {50, 0, 40, 40}, 1600, false, null))
            .addObject(
                new GroundTruthObject(3, 1, 3, new double[] {0, 50, 40, 40}, 1600, false, null))
            .build();
    List<CocoCategory> cats =
        List.of(
            new CocoCategory(1, "cat", "animal"),
            new CocoCategory(2, "dog", "animal"),
            new CocoCategory(3, "car", "vehicle"));
    CocoAnalysis an;
    try (CocoAnalyzer az = new CocoAnalyzer(gt, cats, IouType.BBOX, 1)) {
      az.add(
          1,
          List.of(
              Detection.box(1, new double[] {50, 0, 40, 40}, .95), // on the dog
              Detection.box(1, new double[] {0, 50, 40, 40}, .9), // on the car
              Detection.box(1, new double[] {60, 60, 30, 30}, .85), // background
              Detection.box(1, new double[] {0, 0, 40, 24}, .8))); // the cat, IoU 0.6
      an = az.analyze();
    }
    double eps = Math.ulp(1.0);
    assertThat(an.curve("C75", 0, 0)).containsOnly(0.0);
    assertThat(an.curve("C50", 0, 0)).containsOnly(1 / (4 + eps));
    assertThat(an.curve("Loc", 0, 0)).containsOnly(1 / (4 + eps));
    assertThat(an.curve("Sim", 0, 0)).containsOnly(1 / (3 + eps));
    assertThat(an.curve("Oth", 0, 0)).containsOnly(1 / (2 + eps));
    assertThat(an.curve("BG", 0, 0)).containsOnly(1.0);
    assertThat(an.curve("FN", 0, 0)).containsOnly(1.0);
    // the dog and the car were never found: their curves are 0 up to BG
    assertThat(an.curve("Oth", 1, 0)).containsOnly(0.0);
    assertThat(an.curve("BG", 1, 0)).containsOnly(0.0);
    Map<String, Object> json = an.toMap();
    assertThat(json).containsKeys("iou_type", "recall_thresholds", "rows", "overall", "categories");
    assertThat(Arrays.asList(CocoAnalyzer.ROWS.toArray())).hasSize(7);
  }
}

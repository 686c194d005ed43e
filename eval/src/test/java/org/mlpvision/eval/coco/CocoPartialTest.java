package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Evaluations of disjoint parts of a data set, merged, against one evaluation of all of it. */
class CocoPartialTest {
  private static CocoSummary whole(RandomCocoCase c, CocoParams p) {
    try (CocoEvaluator ev = new CocoEvaluator(c.groundTruth(), p, Device.cpu())) {
      c.detectionsByImage().forEach(ev::add);
      return ev.evaluate();
    }
  }

  /**
   * Splits the images at random into {@code parts} evaluators (an image with no detections is added
   * with an empty list now and then, or not at all), passes each partial through Java
   * serialization, and merges them into a fresh evaluator.
   */
  private static CocoSummary merged(RandomCocoCase c, CocoParams p, int parts, Random rnd) {
    List<CocoEvaluator> workers = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      workers.add(new CocoEvaluator(c.groundTruth(), p, Device.cpu()));
    }
    Map<Long, List<Detection>> dets = c.detectionsByImage();
    for (long id : c.imageIds) {
      List<Detection> d = dets.get(id);
      if (d != null || rnd.nextBoolean()) {
        workers.get(rnd.nextInt(parts)).add(id, d == null ? List.of() : d);
      }
    }
    try (CocoEvaluator driver = new CocoEvaluator(c.groundTruth(), p, Device.cpu())) {
      for (CocoEvaluator w : workers) {
        driver.merge(roundTrip(w.partial()));
        w.close();
      }
      return driver.evaluate();
    }
  }

  private static CocoPartial roundTrip(CocoPartial p) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(p);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (CocoPartial) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertIdentical(CocoSummary a, CocoSummary b, RandomCocoCase c, String as) {
    assertThat(b.stats()).as(as).containsExactly(a.stats());
    assertThat(arrays(b, c)).as(as).isEqualTo(arrays(a, c));
  }

  /** Every recall and precision value, flattened. */
  private static double[] arrays(CocoSummary s, RandomCocoCase c) {
    int nk = c.categoryIds.length;
    int nm = c.maxDets.length;
    double[] out = new double[10 * nk * 4 * nm * 102];
    int i = 0;
    for (int t = 0; t < 10; t++) {
      for (int k = 0; k < nk; k++) {
        for (int ar = 0; ar < 4; ar++) {
          for (int m = 0; m < nm; m++) {
            out[i++] = s.recall(t, k, ar, m);
            for (int r = 0; r < 101; r++) {
              out[i++] = s.precision(t, r, k, ar, m);
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void mergedPartialsOfDisjointImagesGiveTheNumbersOfOneEvaluatorBitForBit() {
    Random rnd = new Random(3);
    for (long seed = 0; seed < 120; seed++) {
      IouType type = seed % 3 == 2 ? IouType.SEGM : IouType.BBOX;
      RandomCocoCase c = new RandomCocoCase(seed, type);
      CocoParams p = new CocoParams(type, c.maxDets, 1);
      assertIdentical(
          whole(c, p), merged(c, p, 1 + rnd.nextInt(3), rnd), c, "seed " + seed + " " + type);
    }
  }

  @Test
  void partialsOfManyImagesAcrossEvaluationBatchesMergeExactly() {
    // More images than one evaluation batch (512), so that partials hold flushed and pending ones.
    RandomCocoCase c = new RandomCocoCase(77, IouType.BBOX, 1300);
    CocoParams p = new CocoParams(IouType.BBOX, c.maxDets, 2);
    CocoSummary whole = whole(c, p);
    assertThat(whole.stats()[0]).isGreaterThan(0);
    assertIdentical(whole, merged(c, p, 3, new Random(1)), c, "1300 images in 3 parts");
  }

  @Test
  void anImageMergedTwiceIsRefusedByItsId() {
    RandomCocoCase c = new RandomCocoCase(5, IouType.BBOX, 4);
    CocoParams p = new CocoParams(IouType.BBOX, c.maxDets, 1);
    try (CocoEvaluator a = new CocoEvaluator(c.groundTruth(), p, Device.cpu());
        CocoEvaluator b = new CocoEvaluator(c.groundTruth(), p, Device.cpu());
        CocoEvaluator driver = new CocoEvaluator(c.groundTruth(), p, Device.cpu())) {
      a.add(c.imageIds[0], List.of());
      a.add(c.imageIds[1], List.of());
      b.add(c.imageIds[1], List.of());
      driver.merge(a.partial());
      assertThatThrownBy(() -> driver.merge(b.partial()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image id " + c.imageIds[1] + " was already evaluated");
      assertThatThrownBy(() -> driver.add(c.imageIds[0], List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image id " + c.imageIds[0] + " was already added");
    }
  }

  @Test
  void partialsOfOtherGroundTruthOrSettingsAreRefused() {
    RandomCocoCase c = new RandomCocoCase(5, IouType.BBOX, 4);
    RandomCocoCase other = new RandomCocoCase(6, IouType.BBOX, 5);
    CocoParams p = new CocoParams(IouType.BBOX, c.maxDets, 1);
    try (CocoEvaluator driver = new CocoEvaluator(c.groundTruth(), p, Device.cpu());
        CocoEvaluator elsewhere =
            new CocoEvaluator(
                other.groundTruth(), new CocoParams(IouType.BBOX, c.maxDets, 1), Device.cpu());
        CocoEvaluator limits =
            new CocoEvaluator(c.groundTruth(), p.withMaxDets(1, 2, 1000), Device.cpu())) {
      assertThatThrownBy(() -> driver.merge(elsewhere.partial()))
          .hasMessageContaining("other ground truth");
      assertThatThrownBy(() -> driver.merge(limits.partial())).hasMessageContaining("maxDets");
    }
  }
}

package org.mlpvision.detection.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.coco.InstanceTargets;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.testing.ResultsFiles;
import org.mlpvision.eval.coco.CocoDetectionEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.IouType;

/**
 * Detections -> COCO results file -> evaluator gives exactly the metrics of evaluating the
 * in-memory detections, for boxes and masks.
 */
class CocoResultsWriterTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  @TempDir Path dir;

  @Test
  void theResultsFileEvaluatesToTheInMemoryDetections() throws Exception {
    CocoShapesWriter.write(new SynthSpec(dir, 1, 6, 96, 64, 9));
    CocoDataset gt = CocoReader.read(dir.resolve("annotations/instances_val2017.json"));
    CocoInstances instances = new CocoInstances(gt, false, 0);
    Path file = dir.resolve("results.json");
    List<CocoParams> params =
        List.of(
            CocoParams.defaults(IouType.BBOX).withMaxDets(100, 300, 1000),
            CocoParams.defaults(IouType.SEGM).withMaxDets(100, 300, 1000));
    Map<String, Double> inMemory;
    try (CocoDetectionEvaluator coco = new CocoDetectionEvaluator(gt, params, Device.cpu());
        CocoResultsWriter writer = new CocoResultsWriter(file, gt.categoryMap())) {
      for (CocoImage im : instances.images()) {
        ImageList images =
            new ImageList(
                m.zeros(new Shape(1, 3, im.height(), im.width())),
                List.of(
                    new ImageMeta(
                        Long.toString(im.id()),
                        im.height(),
                        im.width(),
                        im.height(),
                        im.width(),
                        im.height(),
                        im.width(),
                        1,
                        1,
                        false,
                        0,
                        0)));
        List<Detections> dets = List.of(detections(instances.targets(im), im));
        coco.process(images, dets);
        writer.process(images, dets);
      }
      inMemory = coco.evaluate();
      assertThat(writer.written()).isPositive();
    }
    assertThat(inMemory.get("bbox_AP")).isBetween(0.1, 0.99);
    assertThat(inMemory.get("segm_AP")).isBetween(0.1, 0.99);
    assertThat(ResultsFiles.evaluate(file, gt)).isEqualTo(inMemory);
  }

  /**
   * The image's ground truth as detections, imperfect on purpose: boxes shifted by a fraction of a
   * pixel to a few pixels, every third label wrong, descending scores, masks cut at the right.
   */
  private Detections detections(InstanceTargets t, CocoImage im) {
    int n = t.size();
    float[] boxes = t.boxes().clone();
    float[] scores = new float[n];
    long[] labels = new long[n];
    byte[] masks = new byte[n * im.height() * im.width()];
    for (int k = 0; k < n; k++) {
      float shift = 0.7f * k;
      boxes[4 * k] += shift;
      boxes[4 * k + 2] += shift;
      scores[k] = 0.9f - 0.1f * k;
      labels[k] = k % 3 == 2 ? (t.labels()[k] + 1) % 4 : t.labels()[k];
      byte[] bits = t.masks().get(k).toRle(im.height(), im.width()).toBitmap();
      for (int y = 0; y < im.height(); y++) {
        for (int x = 0; x < im.width() - 2 * k; x++) {
          masks[(k * im.height() + y) * im.width() + x] = bits[y * im.width() + x];
        }
      }
    }
    NDArray mask =
        m.create(masks, new Shape(n, im.height(), im.width())).toType(DataType.UINT8, false);
    return new Detections(
        m.create(boxes, new Shape(n, 4)), m.create(scores), m.create(labels), mask);
  }
}

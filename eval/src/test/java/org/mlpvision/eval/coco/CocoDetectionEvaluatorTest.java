package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.coco.CocoAnnotation;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.InferenceDriver;

/**
 * The adapter fed through the inference driver gives exactly the numbers of the direct path: the
 * results file mmdet's {@code results2json} would write for the same detections, read by {@link
 * CocoResultsReader} and evaluated by {@link CocoEvaluator} ({@code vision eval coco}).
 */
class CocoDetectionEvaluatorTest {
  @TempDir static Path tmp;
  static CocoDataset gt;

  /** One image's detections on the host: label space, xyxy float32, full-size masks. */
  record HostDetections(float[] boxes, float[] scores, long[] labels, byte[] masks, int n) {}

  @BeforeAll
  static void writeDataSet() {
    gt = CocoReader.read(CocoShapesWriter.write(new SynthSpec(tmp, 14, 0, 64, 48, 3)).get(0));
  }

  /** Jittered ground truths with shifted masks plus a random false positive, per image. */
  private static List<HostDetections> detections(CocoDataset gt, long seed) {
    Random r = new Random(seed);
    List<HostDetections> out = new ArrayList<>();
    for (CocoImage im : gt.images()) {
      int h = im.height();
      int w = im.width();
      List<float[]> boxes = new ArrayList<>();
      List<Long> labels = new ArrayList<>();
      List<byte[]> masks = new ArrayList<>();
      for (CocoAnnotation a : gt.annotationsOf(im.id())) {
        double[] b = a.bbox();
        float dx = (float) (r.nextGaussian() * 1.5);
        float x1 = (float) b[0] + dx;
        float y1 = (float) b[1] + (float) r.nextGaussian();
        boxes.add(new float[] {x1, y1, x1 + (float) b[2] * 1.1f, y1 + (float) b[3]});
        labels.add((long) gt.categoryMap().label(a.categoryId()));
        byte[] bits = a.segmentation().toRle(h, w).toBitmap();
        byte[] shifted = new byte[h * w];
        int s = r.nextInt(3);
        for (int y = 0; y < h; y++) {
          System.arraycopy(bits, y * w, shifted, y * w + s, w - s);
        }
        masks.add(shifted);
      }
      float fx = r.nextFloat() * (w - 10);
      float fy = r.nextFloat() * (h - 10);
      boxes.add(new float[] {fx, fy, fx + 9.5f, fy + 7.25f});
      labels.add((long) r.nextInt(gt.categoryMap().size()));
      byte[] fp = new byte[h * w];
      for (int y = (int) fy; y < (int) fy + 7; y++) {
        for (int x = (int) fx; x < (int) fx + 9; x++) {
          fp[y * w + x] = 1;
        }
      }
      masks.add(fp);
      int n = boxes.size();
      float[] flat = new float[4 * n];
      float[] scores = new float[n];
      long[] cls = new long[n];
      byte[] allMasks = new byte[n * h * w];
      for (int k = 0; k < n; k++) {
        System.arraycopy(boxes.get(k), 0, flat, 4 * k, 4);
        scores[k] = r.nextFloat();
        cls[k] = labels.get(k);
        System.arraycopy(masks.get(k), 0, allMasks, k * h * w, h * w);
      }
      out.add(new HostDetections(flat, scores, cls, allMasks, n));
    }
    return out;
  }

  /** The adapter's metrics, streaming three images per batch through the inference driver. */
  private static Map<String, Double> throughTheDriver(
      List<HostDetections> dets, List<CocoParams> p) {
    List<CocoImage> images = gt.images();
    EvalData<ImageList> data =
        EvalData.ofRanges(
            images.size(),
            3,
            (from, to, scope) -> {
              List<ImageMeta> metas = new ArrayList<>();
              for (int i = from; i < to; i++) {
                CocoImage im = images.get(i);
                metas.add(ImageMeta.loaded(Long.toString(im.id()), im.height(), im.width()));
              }
              return new ImageList(scope.zeros(new Shape(to - from, 3, 1, 1)), metas);
            });
    try (NDManager m = NDManager.newBaseManager();
        CocoDetectionEvaluator evaluator = new CocoDetectionEvaluator(gt, p, Device.cpu())) {
      return InferenceDriver.run(
          data,
          (store, batch) -> {
            NDManager scope = batch.tensor().getManager();
            List<Detections> out = new ArrayList<>();
            for (ImageMeta meta : batch.metas()) {
              HostDetections d = dets.get(indexOf(Long.parseLong(meta.id())));
              out.add(
                  new Detections(
                      scope.create(d.boxes(), new Shape(d.n(), 4)),
                      scope.create(d.scores()),
                      scope.create(d.labels()),
                      scope.create(
                          ByteBuffer.wrap(d.masks()),
                          new Shape(d.n(), meta.oriH(), meta.oriW()),
                          DataType.UINT8)));
            }
            return out;
          },
          evaluator,
          null,
          m);
    }
  }

  private static int indexOf(long imageId) {
    List<CocoImage> images = gt.images();
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i).id() == imageId) {
        return i;
      }
    }
    throw new IllegalArgumentException("no image " + imageId);
  }

  /** mmdet's results2json for one IoU type, written independently of the adapter. */
  private static Path resultsFile(List<HostDetections> dets, IouType type) throws Exception {
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < gt.images().size(); i++) {
      CocoImage im = gt.images().get(i);
      HostDetections d = dets.get(i);
      int plane = im.height() * im.width();
      for (int k = 0; k < d.n(); k++) {
        float[] b = d.boxes();
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("image_id", im.id());
        res.put(
            "bbox",
            new double[] {
              b[4 * k], b[4 * k + 1], b[4 * k + 2] - b[4 * k], b[4 * k + 3] - b[4 * k + 1]
            });
        res.put("score", (double) d.scores()[k]);
        res.put("category_id", gt.categoryMap().categoryId((int) d.labels()[k]));
        if (type == IouType.SEGM) {
          byte[] bits = new byte[plane];
          System.arraycopy(d.masks(), k * plane, bits, 0, plane);
          Rle rle = Rle.fromBitmap(bits, im.height(), im.width());
          res.put(
              "segmentation",
              Map.of("size", List.of(im.height(), im.width()), "counts", RleString.encode(rle)));
        }
        results.add(res);
      }
    }
    Path file = tmp.resolve(type.cocoName() + ".json");
    ConfigLoader.mapper().writeValue(file.toFile(), results);
    return file;
  }

  private static Map<String, Double> direct(Path results, IouType type, int[] maxDets) {
    GroundTruthSet truth = GroundTruthSet.fromCoco(gt, type);
    CocoParams params = new CocoParams(type, maxDets, 2);
    try (CocoEvaluator evaluator = new CocoEvaluator(truth, params, Device.cpu())) {
      CocoResultsReader.read(results, truth, type).detections().forEach(evaluator::add);
      return evaluator.evaluate().toMap();
    }
  }

  @Test
  void boxAndMaskApEqualThoseOfTheResultsFileMmdetWouldWrite() throws Exception {
    List<HostDetections> dets = detections(gt, 5);
    int[] maxDets = {100, 300, 1000};
    Map<String, Double> adapted =
        throughTheDriver(
            dets,
            List.of(
                new CocoParams(IouType.BBOX, maxDets, 2),
                new CocoParams(IouType.SEGM, maxDets, 2)));
    Map<String, Double> expected = new LinkedHashMap<>();
    for (IouType type : IouType.values()) {
      direct(resultsFile(dets, type), type, maxDets)
          .forEach((k, v) -> expected.put(type.cocoName() + "_" + k, v));
    }
    assertThat(adapted).containsExactlyEntriesOf(expected);
    // Not a trivial case: the jittered detections score well but not perfectly.
    assertThat(adapted.get("bbox_AP50")).isBetween(0.3, 0.999);
    assertThat(adapted.get("segm_AP50")).isBetween(0.3, 0.999);
  }

  @Test
  void maskEvaluationWithoutMasksNamesTheImage() {
    List<HostDetections> dets = detections(gt, 6);
    CocoImage im = gt.images().get(0);
    HostDetections d = dets.get(0);
    try (NDManager m = NDManager.newBaseManager();
        CocoDetectionEvaluator evaluator =
            new CocoDetectionEvaluator(
                gt, List.of(CocoParams.defaults(IouType.SEGM).withThreads(1)), Device.cpu())) {
      ImageList batch =
          new ImageList(
              m.zeros(new Shape(1, 3, 1, 1)),
              List.of(ImageMeta.loaded(Long.toString(im.id()), im.height(), im.width())));
      Detections noMasks =
          new Detections(
              m.create(d.boxes(), new Shape(d.n(), 4)),
              m.create(d.scores()),
              m.create(d.labels()),
              null);
      assertThatThrownBy(() -> evaluator.process(batch, List.of(noMasks)))
          .hasMessageContaining("image id " + im.id())
          .hasMessageContaining("needs masks");
    }
  }
}

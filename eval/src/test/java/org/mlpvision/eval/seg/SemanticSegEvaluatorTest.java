package org.mlpvision.eval.seg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.InferenceDriver;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The adapter fed through the inference driver gives exactly the numbers of {@code vision eval seg}
 * ({@link LabelMapDirectories}) on the same predicted maps.
 */
class SemanticSegEvaluatorTest {
  private static final int CLASSES = 150;

  @TempDir Path tmp;

  /** A noisy prediction from the ground truth: reduced labels, a random band of wrong classes. */
  private static int[] predict(LabelMap gt, Random r) {
    int[] out = new int[gt.labels().length];
    int band = r.nextInt(gt.height() - 4);
    for (int i = 0; i < out.length; i++) {
      int raw = gt.labels()[i];
      int y = i / gt.width();
      out[i] = raw == 0 || (y >= band && y < band + 4) ? r.nextInt(12) : raw - 1;
    }
    return out;
  }

  private static void writePng(Path file, int h, int w, int[] labels) {
    Mat mat = new Mat(h, w, CvType.CV_8UC1);
    byte[] raw = new byte[labels.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) labels[i];
    }
    mat.put(0, 0, raw);
    assertThat(Imgcodecs.imwrite(file.toString(), mat)).isTrue();
    mat.release();
  }

  @Test
  void miouOfStreamedPredictionsEqualsTheDirectoryEvaluation() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 0, 7, 40, 32, 9));
    Path gtDir = tmp.resolve("annotations/validation");
    Path predDir = Files.createDirectories(tmp.resolve("pred"));
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(gtDir)) {
      files.sorted().forEach(f -> ids.add(f.getFileName().toString().replace(".png", "")));
    }
    Random r = new Random(4);
    for (String id : ids) {
      LabelMap gt = LabelMap.read(gtDir.resolve(id + ".png"));
      writePng(predDir.resolve(id + ".png"), gt.height(), gt.width(), predict(gt, r));
    }
    SegmentationMetrics direct;
    try (SegmentationEvaluator ev = new SegmentationEvaluator(CLASSES, 255, true, Device.cpu())) {
      direct = LabelMapDirectories.evaluate(gtDir, predDir, ev);
    }

    EvalData<ImageList> data =
        EvalData.ofRanges(
            ids.size(),
            3,
            (from, to, scope) -> {
              List<ImageMeta> metas = new ArrayList<>();
              for (int i = from; i < to; i++) {
                metas.add(ImageMeta.loaded(ids.get(i), 32, 40));
              }
              return new ImageList(scope.zeros(new Shape(to - from, 3, 1, 1)), metas);
            });
    Map<String, Double> adapted;
    try (NDManager m = NDManager.newBaseManager();
        SemanticSegEvaluator evaluator =
            new SemanticSegEvaluator(
                new SegmentationEvaluator(CLASSES, 255, true, Device.cpu()),
                SemanticSegEvaluator.GroundTruthMaps.directory(gtDir))) {
      adapted =
          InferenceDriver.run(
              data,
              (store, batch) -> {
                List<SemanticMap> out = new ArrayList<>();
                for (ImageMeta meta : batch.metas()) {
                  LabelMap pred = LabelMap.read(predDir.resolve(meta.id() + ".png"));
                  out.add(
                      new SemanticMap(
                          pred.toNDArray(batch.tensor().getManager()).toType(DataType.INT64, false),
                          null));
                }
                return out;
              },
              evaluator,
              null,
              m);
      assertThat(m.getManagedArrays()).as("per-batch arrays freed").isEmpty();
    }
    assertThat(adapted)
        .containsExactly(
            Map.entry("aAcc", direct.aAcc()),
            Map.entry("mIoU", direct.mIoU()),
            Map.entry("mAcc", direct.mAcc()));
    assertThat(direct.mIoU()).isBetween(0.2, 0.99);
  }
}

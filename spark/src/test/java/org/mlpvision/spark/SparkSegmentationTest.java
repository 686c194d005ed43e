package org.mlpvision.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.repository.zoo.ZooModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.eval.seg.LabelMap;
import org.mlpvision.spark.bench.SparkBenchmark;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.data.InputSet;
import org.mlpvision.spark.data.Inputs;
import org.mlpvision.spark.testing.PseudoLabelMaps;
import org.mlpvision.spark.testing.SharedSpark;
import org.mlpvision.zoo.VisionImages;
import org.mlpvision.zoo.testing.TinyModels;

/**
 * Segmentation and feature extraction on the shared {@code local[2,2]} context with the tiny
 * UperNet exported from its checkpoint: mIoU, mAcc, aAcc and the per-class values of {@code vision
 * test} bit for bit (on label maps made from the model's own predictions, so that mIoU is neither 0
 * nor 1), label PNGs and embeddings as the model directory's DJL predictor gives them.
 */
class SparkSegmentationTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static Map<String, Double> tested;
  static InputSet ade;

  @BeforeAll
  static void exportAndTest() throws Exception {
    tiny = TinyModels.segmentation(dir);
    Tasks.runner(Tasks.injector(ConfigSource.load(tiny.recipe())))
        .test(TestOptions.of(tiny.checkpoint(), "cpu")); // generates the data set
    ade = Inputs.resolve(tiny.workDir().resolve("ade").toString(), null);
    try (ZooModel<Image, CategoryMask> model =
            tiny.model().criteria(CategoryMask.class).optDevice(Device.cpu()).build().loadModel();
        Predictor<Image, CategoryMask> predictor = model.newPredictor()) {
      for (ImageRecord r : ade.images()) {
        PseudoLabelMaps.write(predictor, Path.of(r.path()), Path.of(r.groundTruth()));
      }
    }
    tested =
        new LinkedHashMap<>(
            Tasks.runner(Tasks.injector(ConfigSource.load(tiny.recipe())))
                .test(TestOptions.of(tiny.checkpoint(), "cpu")));
  }

  private static JobReport run(InputSet inputs, Prediction p, boolean evaluate, Path out) {
    return SparkInference.run(
        SharedSpark.context(),
        new InferenceJob(
            tiny.model().path().toString(), inputs, p, evaluate, out.toString(), 2, 1, "auto"),
        line -> {});
  }

  @Test
  void sparkTestGivesTheMetricsOfVisionTestBitForBitAndItsLabelPngs() throws Exception {
    assertThat(ade.kind()).isEqualTo(InputSet.Kind.ADE20K);
    assertThat(ade.images()).hasSize(2);
    assertThat(tested.get("mIoU")).isStrictlyBetween(0.0, 1.0);
    Path out = dir.resolve("spark-test");
    JobReport report = run(ade, null, true, out);
    assertThat(report.partitions()).isEqualTo(2);
    assertThat(report.metrics()).containsKeys("aAcc", "mIoU", "mAcc", "images");
    assertThat(report.metrics()).isEqualTo(tested);
    try (ZooModel<Image, CategoryMask> model =
            tiny.model().criteria(CategoryMask.class).optDevice(Device.cpu()).build().loadModel();
        Predictor<Image, CategoryMask> predictor = model.newPredictor()) {
      for (ImageRecord r : ade.images()) {
        int[][] expected = predictor.predict(VisionImages.read(Path.of(r.path()))).getMask();
        LabelMap png = LabelMap.read(out.resolve("labels").resolve(r.id() + ".png"));
        assertThat(png.height()).isEqualTo(expected.length);
        int[] flat = new int[png.labels().length];
        for (int y = 0; y < expected.length; y++) {
          System.arraycopy(expected[y], 0, flat, y * png.width(), png.width());
        }
        assertThat(png.labels()).as(r.id()).isEqualTo(flat);
      }
    }
  }

  @Test
  void theBenchmarkTimesAnEvaluationOfEveryImage() {
    InputSet synthetic =
        SparkBenchmark.synthesize(tiny.model().path().toString(), dir.resolve("bench"), 3, 64, 48);
    assertThat(synthetic.kind()).isEqualTo(InputSet.Kind.ADE20K);
    SparkBenchmark.Measurement m =
        SparkBenchmark.measure(
            SharedSpark.context(), tiny.model().path().toString(), synthetic, 1, line -> {});
    assertThat(m.cores()).isEqualTo(2);
    assertThat(m.images()).isEqualTo(3);
    assertThat(m.imagesPerSecond()).isPositive();
    assertThat(m.cpuSecondsPerImage()).isPositive();
  }

  @Test
  void embeddingsHaveOneLinePerImageAsTheFeatureExtractorGivesThem() throws Exception {
    Path out = dir.resolve("spark-embeddings");
    InputSet folder = Inputs.resolve(tiny.workDir().resolve("ade/images").toString(), null);
    JobReport report = run(folder, Prediction.EMBEDDING, false, out);
    assertThat(report.predicted()).isEqualTo(folder.images().size());
    List<String> lines = Files.readAllLines(out.resolve(SparkInference.EMBEDDINGS));
    assertThat(lines).hasSize(folder.images().size());
    ImageRecord first = folder.images().get(0);
    JsonNode line = ConfigLoader.mapper().readTree(lines.get(0));
    assertThat(line.get("image").asText()).isEqualTo(first.id());
    try (ZooModel<Image, float[]> model =
            tiny.model().criteria(float[].class).optDevice(Device.cpu()).build().loadModel();
        Predictor<Image, float[]> predictor = model.newPredictor()) {
      float[] expected = predictor.predict(VisionImages.read(Path.of(first.path())));
      float[] got = new float[line.get("embedding").size()];
      for (int i = 0; i < got.length; i++) {
        got[i] = line.get("embedding").get(i).floatValue();
      }
      assertThat(got).isEqualTo(expected);
    }
  }
}

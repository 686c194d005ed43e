package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.detection.task.CocoResultsWriter;
import org.mlpvision.zoo.testing.TinyModels;

/**
 * A detection model directory loaded through DJL's {@code Criteria} predicts what {@code vision
 * test} predicts from the checkpoint it was exported from: the same boxes, scores, labels and
 * masks, entry for entry in the COCO results file.
 */
class DetectionPredictorTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static CocoDataset val;
  static Map<Long, List<JsonNode>> tested;

  @BeforeAll
  static void exportAndTest() throws Exception {
    tiny = TinyModels.detection(dir);
    Path results = dir.resolve("test-results.json");
    Tasks.runner(Tasks.injector(ConfigSource.load(tiny.recipe())))
        .test(TestOptions.of(tiny.checkpoint(), "cpu").withResults(results));
    tested = TinyModels.resultsByImage(results);
    val = CocoReader.read(tiny.workDir().resolve("coco-shapes/annotations/instances_val2017.json"));
  }

  private static Path image(CocoImage im) {
    return tiny.workDir().resolve("coco-shapes/val2017").resolve(im.fileName());
  }

  @Test
  void criteriaLoadedModelGivesTheDetectionsOfVisionTest() throws Exception {
    Criteria<Image, DetectedObjects> criteria =
        Criteria.builder()
            .setTypes(Image.class, DetectedObjects.class)
            .optModelPath(tiny.model().path())
            .optArgument("threshold", 0)
            .optDevice(Device.cpu())
            .build();
    Path mine = dir.resolve("criteria-results.json");
    ModelMetadata meta = tiny.model().metadata();
    try (ZooModel<Image, DetectedObjects> model = criteria.loadModel();
        Predictor<Image, DetectedObjects> predictor = model.newPredictor();
        CocoResultsWriter writer = new CocoResultsWriter(mine, meta.categoryMap())) {
      for (CocoImage im : val.images()) {
        Image image = VisionImages.read(image(im));
        DetectedObjects d = predictor.predict(image);
        InstanceArrays a = InstanceArrays.of(d, meta.classes(), im.width(), im.height());
        writer.write(im.id(), a.height(), a.width(), a.boxes(), a.scores(), a.labels(), a.masks());
      }
    }
    Map<Long, List<JsonNode>> predicted = TinyModels.resultsByImage(mine);
    assertThat(tested.values().stream().mapToInt(List::size).sum()).isGreaterThan(10);
    assertThat(predicted).isEqualTo(tested);
  }

  @Test
  void batchPredictGivesEachImageItsOwnDetections() throws Exception {
    List<Image> images = val.images().stream().map(im -> VisionImages.read(image(im))).toList();
    try (ZooModel<Image, DetectedObjects> model = tiny.loadDetector();
        Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
      List<DetectedObjects> batch = predictor.batchPredict(images);
      assertThat(batch).hasSize(images.size());
      for (int i = 0; i < images.size(); i++) {
        DetectedObjects one = predictor.predict(images.get(i));
        DetectedObjects inBatch = batch.get(i);
        assertThat(inBatch.getNumberOfObjects()).isEqualTo(one.getNumberOfObjects());
        for (int k = 0; k < one.getNumberOfObjects(); k++) {
          DetectedObjects.DetectedObject a = one.item(k);
          DetectedObjects.DetectedObject b = inBatch.item(k);
          assertThat(b.getClassName()).isEqualTo(a.getClassName());
          assertThat(b.getProbability()).isCloseTo(a.getProbability(), within(1e-5));
          assertThat(b.getBoundingBox().getBounds().getX())
              .isCloseTo(a.getBoundingBox().getBounds().getX(), within(1e-5));
        }
      }
    }
  }

  @Test
  void aPredictorGivesTheSameBitsOnAnyThread() throws Exception {
    Image image = VisionImages.read(image(val.images().get(0)));
    try (ZooModel<Image, DetectedObjects> model = tiny.loadDetector();
        Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
      DetectedObjects here = predictor.predict(image);
      // A new thread starts with PyTorch's autograd on.
      java.util.concurrent.FutureTask<DetectedObjects> elsewhere =
          new java.util.concurrent.FutureTask<>(() -> predictor.predict(image));
      new Thread(elsewhere).start();
      DetectedObjects there = elsewhere.get();
      assertThat(here.getNumberOfObjects()).isGreaterThan(0);
      assertThat(there.getNumberOfObjects()).isEqualTo(here.getNumberOfObjects());
      for (int k = 0; k < here.getNumberOfObjects(); k++) {
        DetectedObjects.DetectedObject a = here.item(k);
        DetectedObjects.DetectedObject b = there.item(k);
        assertThat(b.getProbability()).isEqualTo(a.getProbability());
        assertThat(b.getBoundingBox().getBounds().getX())
            .isEqualTo(a.getBoundingBox().getBounds().getX());
      }
    }
  }
}

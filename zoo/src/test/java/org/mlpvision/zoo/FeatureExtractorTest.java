package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.ModelWeights;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.detection.detector.TwoStageDetector;
import org.mlpvision.detection.task.CocoData;
import org.mlpvision.detection.task.DetBatch;
import org.mlpvision.detection.task.DetectionRecipe;
import org.mlpvision.detection.testing.TinyDetectors;
import org.mlpvision.zoo.testing.TinyModels;

/**
 * The feature extractor of a model directory gives the backbone's maps of the image as {@code
 * vision test}'s data loader prepares it (named, cut to the image), and the embedding is their
 * coarsest level averaged.
 */
class FeatureExtractorTest {
  @TempDir static Path dir;

  static TinyModels tiny;

  /** Per image id, the backbone's maps of the test loader's batch (host copies). */
  static Map<Long, Map<String, float[]>> expected = new HashMap<>();

  static CocoDataset val;

  @BeforeAll
  static void exportAndExtract() throws Exception {
    tiny = TinyModels.detection(dir);
    DetectionRecipe recipe = DetectionRecipe.from(ConfigSource.load(tiny.recipe()));
    CocoData data = new CocoData(recipe.data(), tiny.workDir(), tiny.recipe().toString());
    val = data.dataset(recipe.data().test());
    TwoStageDetector detector =
        TinyDetectors.factory().build(recipe.model(), tiny.recipe().toString(), "model");
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        PrefetchLoader loader = data.evalLoader(recipe.data().test(), "test")) {
      detector.initialize(
          m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 3, 64, 64));
      ModelWeights.load(detector, tiny.checkpoint(), m);
      var epoch = loader.epoch(0);
      while (epoch.hasNext()) {
        try (NDManager scope = m.newSubManager()) {
          ImageList images = DetBatch.images(epoch.next(), scope);
          FeatureMaps maps =
              detector.backbone().extract(new ParameterStore(scope, false), images.tensor(), false);
          Map<String, float[]> host = new HashMap<>();
          maps.maps().forEach((k, v) -> host.put(k, v.get(new NDIndex("0")).toFloatArray()));
          expected.put(Long.parseLong(images.metas().get(0).id()), host);
        }
      }
    }
    assertThat(expected).hasSize(val.images().size());
  }

  private static Image image(CocoImage im) {
    return VisionImages.read(tiny.workDir().resolve("coco-shapes/val2017").resolve(im.fileName()));
  }

  @Test
  void namedFeatureMapsAreTheBackbonesOnTheTestPipelinesImage() throws Exception {
    Criteria<Image, NDList> criteria =
        tiny.model().criteria(NDList.class).optDevice(Device.cpu()).build();
    try (ZooModel<Image, NDList> model = criteria.loadModel();
        Predictor<Image, NDList> predictor = model.newPredictor()) {
      for (CocoImage im : val.images()) {
        NDList maps = predictor.predict(image(im));
        assertThat(maps)
            .extracting(NDArray::getName)
            .containsExactly("stage1", "stage2", "stage3", "stage4");
        for (NDArray a : maps) {
          assertThat(a.toFloatArray())
              .as(a.getName())
              .containsExactly(expected.get(im.id()).get(a.getName()));
        }
        // The 96x64 images cover every cell: stride 4 gives 24x16.
        assertThat(maps.get(0).getShape().getShape()).containsExactly(8, 16, 24);
        maps.close();
      }
    }
  }

  @Test
  void mapsAreCutToTheCellsThatCoverTheImage() throws Exception {
    // 192x80 resizes to 96x40 and pads to 96x64: stride 4 covers 10 of 16 rows, stride 32 two.
    org.mlpvision.datasets.transform.OpenCvRuntime.ensureLoaded();
    org.opencv.core.Mat bgr =
        new org.opencv.core.Mat(
            80, 192, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(30, 90, 150));
    Image wide = VisionImages.fromBgr(bgr);
    bgr.release();
    try (ZooModel<Image, NDList> model =
            tiny.model().criteria(NDList.class).optDevice(Device.cpu()).build().loadModel();
        Predictor<Image, NDList> predictor = model.newPredictor()) {
      NDList maps = predictor.predict(wide);
      assertThat(maps.stream().map(a -> a.getShape().toString()).toList())
          .containsExactly("(8, 10, 24)", "(16, 5, 12)", "(32, 3, 6)", "(64, 2, 3)");
      maps.close();
    }
  }

  @Test
  void theEmbeddingIsTheCoarsestMapAveraged() throws Exception {
    Criteria<Image, float[]> criteria =
        tiny.model().criteria(float[].class).optDevice(Device.cpu()).build();
    try (ZooModel<Image, float[]> model = criteria.loadModel();
        Predictor<Image, float[]> predictor = model.newPredictor()) {
      List<CocoImage> images = val.images();
      List<float[]> batch =
          predictor.batchPredict(images.stream().map(FeatureExtractorTest::image).toList());
      for (int i = 0; i < images.size(); i++) {
        float[] stage4 = expected.get(images.get(i).id()).get("stage4");
        int channels = batch.get(i).length;
        int cells = stage4.length / channels;
        for (int c = 0; c < channels; c++) {
          double sum = 0;
          for (int j = 0; j < cells; j++) {
            sum += stage4[c * cells + j];
          }
          assertThat(batch.get(i)[c])
              .as("channel %d", c)
              .isCloseTo((float) (sum / cells), within(1e-5f));
        }
      }
    }
  }
}

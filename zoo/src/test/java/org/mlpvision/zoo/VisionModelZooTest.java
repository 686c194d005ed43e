package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Application;
import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.zoo.testing.TinyModels;

/**
 * The zoo names the model directories under its root by folder name, for DJL's artifact ids and
 * application filter; a broken folder is skipped; and a model answers only the outputs its task
 * has.
 */
class VisionModelZooTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static Path root;

  @BeforeAll
  static void root() throws Exception {
    tiny = TinyModels.detection(dir.resolve("export"));
    root = dir.resolve("models");
    Path model = root.resolve("cascade_mask_rcnn_tiny");
    Files.createDirectories(model);
    for (String f :
        List.of(
            ModelDirectory.MODEL_FILE, ModelDirectory.WEIGHTS_FILE, ModelDirectory.SERVING_FILE)) {
      Files.copy(tiny.model().path().resolve(f), model.resolve(f));
    }
    Path broken = root.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(
        broken.resolve(ModelDirectory.MODEL_FILE), "{\"format\": \"mlpvision-model\"}");
    System.setProperty(VisionModelZoo.ROOT_PROPERTY, root.toString());
  }

  @AfterAll
  static void clear() {
    System.clearProperty(VisionModelZoo.ROOT_PROPERTY);
  }

  private static Image image() throws Exception {
    try (var files = Files.list(tiny.workDir().resolve("coco-shapes/val2017"))) {
      return VisionImages.read(files.sorted().findFirst().orElseThrow());
    }
  }

  @Test
  void serviceLoaderRegisteredZooListsEachModelFolderByName() {
    ModelZoo zoo = ModelZoo.getModelZoo(VisionModelZoo.GROUP_ID);
    assertThat(zoo).isInstanceOf(VisionModelZoo.class);
    assertThat(zoo.getModelLoaders())
        .extracting(ModelLoader::getArtifactId)
        .containsExactly("cascade_mask_rcnn_tiny");
    assertThat(zoo.getModelLoader("cascade_mask_rcnn_tiny").getApplication())
        .isEqualTo(Application.CV.INSTANCE_SEGMENTATION);
  }

  @Test
  void anArtifactIdLoadsTheSameModelAsItsPath() throws Exception {
    Image image = image();
    DetectedObjects byId;
    DetectedObjects byPath;
    Criteria<Image, DetectedObjects> id =
        Criteria.builder()
            .setTypes(Image.class, DetectedObjects.class)
            .optApplication(Application.CV.INSTANCE_SEGMENTATION)
            .optArtifactId(VisionModelZoo.GROUP_ID + ":cascade_mask_rcnn_tiny")
            .optArgument("threshold", 0)
            .optDevice(Device.cpu())
            .build();
    try (ZooModel<Image, DetectedObjects> model = id.loadModel();
        Predictor<Image, DetectedObjects> p = model.newPredictor()) {
      byId = p.predict(image);
    }
    try (ZooModel<Image, DetectedObjects> model = tiny.loadDetector();
        Predictor<Image, DetectedObjects> p = model.newPredictor()) {
      byPath = p.predict(image);
    }
    assertThat(byId.getNumberOfObjects()).isPositive();
    // Compared as text without printing kilobytes of masks on failure.
    assertThat(byId.toJson().equals(byPath.toJson())).as("the same detections").isTrue();
  }

  @Test
  void aDetectionModelRefusesToSegmentNamingItsTask() {
    Criteria<Image, CategoryMask> c = tiny.model().criteria(CategoryMask.class).build();
    assertThatThrownBy(c::loadModel)
        .hasMessageContaining("describes a detection model")
        .hasMessageContaining("not CategoryMask");
  }
}

package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.SemanticPainter;
import org.mlpvision.zoo.testing.TinyModels;
import org.opencv.core.Mat;

/**
 * A segmentation model directory loaded through DJL's {@code Criteria} predicts what {@code vision
 * test} predicts from the checkpoint it was exported from: every pixel of every validation image,
 * compared through the pictures {@code vision test --show-dir} paints.
 */
class SegmentationPredictorTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static Path shown;

  @BeforeAll
  static void exportAndTest() throws Exception {
    tiny = TinyModels.segmentation(dir);
    shown = dir.resolve("show");
    Tasks.runner(Tasks.injector(ConfigSource.load(tiny.recipe())))
        .test(new TestOptions(tiny.checkpoint(), "cpu", null, false, shown, null));
  }

  @Test
  void criteriaLoadedModelGivesTheLabelsOfVisionTest() throws Exception {
    List<Path> images;
    try (Stream<Path> s = Files.list(tiny.workDir().resolve("ade/images/validation"))) {
      images = s.sorted().toList();
    }
    assertThat(images).hasSize(2);
    ModelMetadata meta = tiny.model().metadata();
    Criteria<Image, CategoryMask> criteria =
        Criteria.builder()
            .setTypes(Image.class, CategoryMask.class)
            .optModelPath(tiny.model().path())
            .optDevice(Device.cpu())
            .build();
    try (ZooModel<Image, CategoryMask> model = criteria.loadModel();
        Predictor<Image, CategoryMask> predictor = model.newPredictor()) {
      for (Path file : images) {
        CategoryMask mask = predictor.predict(VisionImages.read(file));
        assertThat(mask.getClasses()).isEqualTo(meta.classes());
        Mat bgr = ImageFiles.readBgr(file, "image");
        int[][] m = mask.getMask();
        assertThat(m.length).isEqualTo(bgr.rows());
        assertThat(m[0].length).isEqualTo(bgr.cols());
        int[] flat = new int[bgr.rows() * bgr.cols()];
        for (int y = 0; y < m.length; y++) {
          System.arraycopy(m[y], 0, flat, y * m[0].length, m[0].length);
        }
        // Seeded random weights still vary across pixels, so the comparison is not vacuous.
        assertThat(java.util.Arrays.stream(flat).distinct().count()).isGreaterThan(1);
        SemanticPainter.paint(bgr, flat, meta.palette(), null);
        String stem = file.getFileName().toString().replaceFirst("\\.jpg$", "");
        Mat expected = ImageFiles.readBgr(shown.resolve(stem + ".png"), "painted");
        assertThat(bytes(bgr)).as(stem).isEqualTo(bytes(expected));
        bgr.release();
        expected.release();
      }
    }
  }

  private static byte[] bytes(Mat m) {
    byte[] b = new byte[m.rows() * m.cols() * 3];
    m.get(0, 0, b);
    return b;
  }
}

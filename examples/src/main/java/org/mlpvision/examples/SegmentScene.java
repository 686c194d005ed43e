package org.mlpvision.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Segments a scene: prints the share of the image each class covers and saves the classes painted
 * over the image.
 *
 * <p>{@code SegmentScene MODEL_DIR IMAGE OUT_PNG}
 */
public final class SegmentScene {
  private SegmentScene() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Criteria<Image, CategoryMask> criteria =
        Criteria.builder()
            .setTypes(Image.class, CategoryMask.class)
            .optModelPath(Path.of(args[0]))
            .build();
    Image image = ImageFactory.getInstance().fromFile(Path.of(args[1]));
    CategoryMask mask;
    try (ZooModel<Image, CategoryMask> model = criteria.loadModel();
        Predictor<Image, CategoryMask> predictor = model.newPredictor()) {
      mask = predictor.predict(image);
    }
    Map<String, Integer> pixels = new TreeMap<>();
    for (int[] row : mask.getMask()) {
      for (int label : row) {
        pixels.merge(mask.getClasses().get(label), 1, Integer::sum);
      }
    }
    int total = image.getWidth() * image.getHeight();
    pixels.forEach((name, n) -> System.out.printf("%-20s %5.1f%%%n", name, 100.0 * n / total));
    mask.drawMask(image, 128);
    try (OutputStream os = Files.newOutputStream(Path.of(args[2]))) {
      image.save(os, "png");
    }
  }
}

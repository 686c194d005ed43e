package org.mlpvision.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detects objects in every image of a folder and draws them.
 *
 * <p>{@code DetectObjects MODEL_DIR IMAGES_DIR OUT_DIR [THRESHOLD]}
 */
public final class DetectObjects {
  private DetectObjects() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Path images = Path.of(args[1]);
    Path out = Files.createDirectories(Path.of(args[2]));
    Criteria<Image, DetectedObjects> criteria =
        Criteria.builder()
            .setTypes(Image.class, DetectedObjects.class)
            .optModelPath(Path.of(args[0]))
            .optArgument("threshold", args.length > 3 ? Float.parseFloat(args[3]) : 0.3f)
            .build();
    try (ZooModel<Image, DetectedObjects> model = criteria.loadModel();
        Predictor<Image, DetectedObjects> predictor = model.newPredictor();
        DirectoryStream<Path> files = Files.newDirectoryStream(images, "*.{jpg,jpeg,png}")) {
      for (Path file : files) {
        Image image = ImageFactory.getInstance().fromFile(file);
        DetectedObjects objects = predictor.predict(image);
        System.out.println(file.getFileName() + ": " + objects.getNumberOfObjects() + " objects");
        for (DetectedObjects.DetectedObject o : objects.<DetectedObjects.DetectedObject>items()) {
          Rectangle r = o.getBoundingBox().getBounds(); // relative to the image size
          System.out.printf(
              "  %-10s %.2f at (%.0f, %.0f), %.0f x %.0f px%n",
              o.getClassName(),
              o.getProbability(),
              r.getX() * image.getWidth(),
              r.getY() * image.getHeight(),
              r.getWidth() * image.getWidth(),
              r.getHeight() * image.getHeight());
        }
        image.drawBoundingBoxes(objects);
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", ".png");
        try (OutputStream os = Files.newOutputStream(out.resolve(name))) {
          image.save(os, "png");
        }
      }
    }
  }
}

package org.mlpvision.zoo.infer;

import ai.djl.Device;
import ai.djl.ModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelTask;
import org.mlpvision.zoo.VisionImages;
import org.opencv.core.Mat;

/**
 * A model directory's DJL predictor over a list of images, one at a time, into an output folder:
 *
 * <ul>
 *   <li>detection: {@code <stem>.png} (masks, boxes, class names and scores at or above the score
 *       threshold over the image), one COCO results file {@code results.json} with every detection
 *       of the model's {@code test_cfg}, and {@code images.json} (the COCO {@code images} entries
 *       its {@code image_id}s refer to);
 *   <li>segmentation: {@code <stem>.png} (the palette blended over the image, with a legend of the
 *       classes present) and {@code labels/<stem>.png} (class indices; 8-bit, 16-bit beyond 256
 *       classes), the predictions {@code vision eval seg --pred} reads.
 * </ul>
 *
 * An image that cannot be read (missing, corrupt, above the pixel limit) or predicted is reported
 * to the listener by name and skipped; the run goes on.
 */
public final class FolderInference {
  /** Told about each image as it finishes. */
  public interface Listener {
    /**
     * @param image the input
     * @param problem why it was skipped, or null when it was predicted
     */
    void done(Path image, String problem);
  }

  /**
   * An image left out.
   *
   * @param image the input
   * @param reason why
   */
  public record Skipped(Path image, String reason) {}

  /**
   * What a run did.
   *
   * @param predicted images predicted
   * @param skipped images left out, in input order
   */
  public record Summary(int predicted, List<Skipped> skipped) {}

  private FolderInference() {}

  /**
   * Predicts every image of {@code images} into {@code out} (created).
   *
   * @param scoreThr least score a detection is drawn with (the results file keeps them all)
   * @param device where the model runs
   * @throws ModelException when the model directory does not load
   */
  public static Summary run(
      ModelDirectory model,
      List<Path> images,
      Path out,
      double scoreThr,
      Device device,
      Listener listener)
      throws IOException, ModelException {
    Files.createDirectories(out);
    return model.metadata().task() == ModelTask.DETECTION
        ? loop(
            model,
            DetectedObjects.class,
            new DetectionOutputs(model.metadata(), images, out, scoreThr),
            images,
            device,
            listener)
        : loop(
            model,
            CategoryMask.class,
            new SegmentationOutputs(model.metadata(), out),
            images,
            device,
            listener);
  }

  /** Where one task's predictions go. */
  interface Outputs<O> extends AutoCloseable {
    /** Writes the outputs of one image ({@code bgr} is its decoded pixels, painted over). */
    void write(Path image, Mat bgr, O prediction) throws IOException;

    @Override
    void close() throws IOException;
  }

  private static <O> Summary loop(
      ModelDirectory model,
      Class<O> type,
      Outputs<O> outputs,
      List<Path> images,
      Device device,
      Listener listener)
      throws IOException, ModelException {
    List<Skipped> skipped = new ArrayList<>();
    int predicted = 0;
    try (outputs;
        ZooModel<Image, O> zoo =
            model
                .criteria(type)
                // Every detection goes to the results file; the painter applies --score-thr.
                .optArgument("threshold", 0)
                .optDevice(device)
                .build()
                .loadModel();
        Predictor<Image, O> predictor = zoo.newPredictor()) {
      for (Path file : images) {
        String problem = null;
        Mat bgr = null;
        try {
          bgr = ImageFiles.readBgr(file, "image");
          outputs.write(file, bgr, predictor.predict(VisionImages.fromBgr(bgr)));
          predicted++;
        } catch (DatasetException | TranslateException e) {
          problem = e.getMessage();
          skipped.add(new Skipped(file, problem));
        } finally {
          if (bgr != null) {
            bgr.release();
          }
        }
        listener.done(file, problem);
      }
    }
    return new Summary(predicted, skipped);
  }
}

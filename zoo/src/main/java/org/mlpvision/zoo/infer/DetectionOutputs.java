package org.mlpvision.zoo.infer;

import ai.djl.modality.cv.output.DetectedObjects;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.InstancePainter;
import org.mlpvision.detection.task.CocoResultsWriter;
import org.mlpvision.zoo.InstanceArrays;
import org.mlpvision.zoo.ModelMetadata;
import org.opencv.core.Mat;

/**
 * Detection outputs of {@link FolderInference}: painted PNGs, {@code results.json} and {@code
 * images.json}. Image ids are the file stems when every stem is a number (COCO's {@code
 * 000000397133.jpg} is image 397133), else positions {@code 1..n} in input order.
 */
final class DetectionOutputs implements FolderInference.Outputs<DetectedObjects> {
  /** The COCO results file in the output folder. */
  static final String RESULTS = "results.json";

  /** The COCO {@code images} entries of the results' ids. */
  static final String IMAGES = "images.json";

  private final ModelMetadata meta;
  private final Path out;
  private final double scoreThr;
  private final Map<Path, Long> ids = new HashMap<>();
  private final CocoResultsWriter results;
  private final ArrayNode imageEntries = ConfigLoader.mapper().createArrayNode();

  DetectionOutputs(ModelMetadata meta, List<Path> images, Path out, double scoreThr)
      throws IOException {
    this.meta = meta;
    this.out = out;
    this.scoreThr = scoreThr;
    boolean numeric = images.stream().allMatch(f -> ImageInputs.stem(f).matches("\\d{1,18}"));
    for (int i = 0; i < images.size(); i++) {
      Path f = images.get(i);
      ids.put(f, numeric ? Long.parseLong(ImageInputs.stem(f)) : i + 1);
    }
    results = new CocoResultsWriter(out.resolve(RESULTS), meta.categoryMap());
  }

  @Override
  public void write(Path image, Mat bgr, DetectedObjects prediction) throws IOException {
    int h = bgr.rows();
    int w = bgr.cols();
    InstanceArrays a = InstanceArrays.of(prediction, meta.classes(), w, h);
    long id = ids.get(image);
    results.write(id, h, w, a.boxes(), a.scores(), a.labels(), a.masks());
    imageEntries
        .addObject()
        .put("id", id)
        .put("file_name", image.getFileName().toString())
        .put("width", w)
        .put("height", h);
    InstancePainter.paint(
        bgr, a.boxes(), a.scores(), a.labels(), a.masks(), meta.classes(), scoreThr);
    ImageFiles.write(out.resolve(ImageInputs.stem(image) + ".png"), bgr, 95);
  }

  @Override
  public void close() throws IOException {
    results.close();
    Files.writeString(
        out.resolve(IMAGES),
        ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(imageEntries)
            + "\n");
  }
}

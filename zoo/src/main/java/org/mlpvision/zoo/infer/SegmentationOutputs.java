package org.mlpvision.zoo.infer;

import ai.djl.modality.cv.output.CategoryMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.SemanticPainter;
import org.mlpvision.eval.seg.LabelMap;
import org.mlpvision.zoo.ModelMetadata;
import org.opencv.core.Mat;

/**
 * Segmentation outputs of {@link FolderInference}: the palette blended over each image with a
 * legend ({@code <stem>.png}) and the class indices as a label PNG ({@code labels/<stem>.png}).
 */
final class SegmentationOutputs implements FolderInference.Outputs<CategoryMask> {
  /** The folder of label PNGs in the output folder. */
  static final String LABELS = "labels";

  private final ModelMetadata meta;
  private final Path out;

  SegmentationOutputs(ModelMetadata meta, Path out) throws IOException {
    this.meta = meta;
    this.out = out;
    Files.createDirectories(out.resolve(LABELS));
  }

  @Override
  public void write(Path image, Mat bgr, CategoryMask prediction) throws IOException {
    int[][] mask = prediction.getMask();
    int h = mask.length;
    int w = h == 0 ? 0 : mask[0].length;
    int[] flat = new int[h * w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(mask[y], 0, flat, y * w, w);
    }
    String stem = ImageInputs.stem(image);
    new LabelMap(h, w, flat).write(out.resolve(LABELS).resolve(stem + ".png"), meta.numClasses());
    SemanticPainter.paint(bgr, flat, meta.palette(), meta.classes());
    ImageFiles.write(out.resolve(stem + ".png"), bgr, 95);
  }

  @Override
  public void close() {}
}

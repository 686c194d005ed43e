package org.mlpvision.zoo.infer;

import ai.djl.modality.cv.output.CategoryMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.SemanticPainter;
import org.mlpvision.zoo.ModelMetadata;
import org.opencv.core.CvType;
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
    writeLabels(out.resolve(LABELS).resolve(stem + ".png"), flat, h, w);
    SemanticPainter.paint(bgr, flat, meta.palette(), meta.classes());
    ImageFiles.write(out.resolve(stem + ".png"), bgr, 95);
  }

  private void writeLabels(Path file, int[] labels, int h, int w) {
    boolean wide = meta.numClasses() > 256;
    Mat m = new Mat(h, w, wide ? CvType.CV_16UC1 : CvType.CV_8UC1);
    try {
      if (wide) {
        short[] v = new short[labels.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (short) labels[i];
        }
        m.put(0, 0, v);
      } else {
        byte[] v = new byte[labels.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (byte) labels[i];
        }
        m.put(0, 0, v);
      }
      ImageFiles.write(file, m, 95);
    } finally {
      m.release();
    }
  }

  @Override
  public void close() {}
}

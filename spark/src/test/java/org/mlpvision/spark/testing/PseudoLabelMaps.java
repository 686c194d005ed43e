package org.mlpvision.spark.testing;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import java.nio.file.Path;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.zoo.VisionImages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * ADE20K label maps that a segmentor with random weights partly gets right, so that its mIoU is
 * neither 0 nor 1: its own prediction of each image, stored as ADE20K stores labels (class + 1, 0
 * for "other", which {@code reduce_zero_label} ignores), with a diagonal pattern of pixels moved to
 * another class and a sparse one set to 0.
 */
public final class PseudoLabelMaps {
  private PseudoLabelMaps() {}

  /** Overwrites {@code labelMap} with the pseudo labels of {@code image}. */
  public static void write(Predictor<Image, CategoryMask> predictor, Path image, Path labelMap)
      throws Exception {
    int[][] p = predictor.predict(VisionImages.read(image)).getMask();
    int h = p.length;
    int w = p[0].length;
    byte[] raw = new byte[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int label = (x + y) % 7 == 0 ? (p[y][x] + 3) % 150 : p[y][x];
        raw[y * w + x] = (byte) ((x * y) % 11 == 0 ? 0 : label + 1);
      }
    }
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    m.put(0, 0, raw);
    ImageFiles.write(labelMap, m, 95);
    m.release();
  }
}

package org.mlpvision.eval.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A single-channel label map (H×W class indices), read from an 8- or 16-bit PNG without any
 * conversion so the stored values are the labels.
 *
 * @param height rows
 * @param width columns
 * @param labels row-major labels, {@code height*width} of them
 */
public record LabelMap(int height, int width, int[] labels) {
  private static volatile boolean openCvLoaded;

  /** Checks the sizes. */
  public LabelMap {
    if ((long) height * width != labels.length) {
      throw new IllegalArgumentException(
          "label map " + height + "x" + width + " needs " + ((long) height * width) + " labels");
    }
  }

  /**
   * Reads a PNG label map.
   *
   * @throws IOException naming the file when it is missing, unreadable or not single-channel
   */
  public static LabelMap read(Path png) throws IOException {
    if (!Files.isRegularFile(png)) {
      throw new IOException(png + ": no such file");
    }
    loadOpenCv();
    Mat mat = Imgcodecs.imread(png.toString(), Imgcodecs.IMREAD_UNCHANGED);
    try {
      if (mat.empty()) {
        throw new IOException(png + ": not a readable image");
      }
      if (mat.channels() != 1) {
        throw new IOException(
            png + ": a label map must have one channel, this one has " + mat.channels());
      }
      int h = mat.rows();
      int w = mat.cols();
      int[] labels = new int[h * w];
      int depth = mat.depth();
      if (depth == CvType.CV_8U) {
        byte[] raw = new byte[h * w];
        mat.get(0, 0, raw);
        for (int i = 0; i < raw.length; i++) {
          labels[i] = raw[i] & 0xff;
        }
      } else if (depth == CvType.CV_16U) {
        short[] raw = new short[h * w];
        mat.get(0, 0, raw);
        for (int i = 0; i < raw.length; i++) {
          labels[i] = raw[i] & 0xffff;
        }
      } else {
        throw new IOException(png + ": label maps must be 8- or 16-bit, got OpenCV depth " + depth);
      }
      return new LabelMap(h, w, labels);
    } finally {
      mat.release();
    }
  }

  /** The labels as an H×W int32 array in {@code manager}. */
  public NDArray toNDArray(NDManager manager) {
    return manager.create(labels, new Shape(height, width));
  }

  private static void loadOpenCv() {
    if (!openCvLoaded) {
      synchronized (LabelMap.class) {
        if (!openCvLoaded) {
          nu.pattern.OpenCV.loadLocally();
          openCvLoaded = true;
        }
      }
    }
  }
}

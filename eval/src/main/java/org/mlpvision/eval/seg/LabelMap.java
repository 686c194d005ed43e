package org.mlpvision.eval.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A single-channel label map (H×W class indices), read from an 8- or 16-bit PNG without any
 * conversion so the stored values are the labels; a palette PNG gives its indices, as Pillow (and
 * so mmseg) reads it.
 *
 * @param height rows
 * @param width columns
 * @param labels row-major labels, {@code height*width} of them
 */
public record LabelMap(int height, int width, int[] labels) {
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
   * @throws org.mlpvision.datasets.DatasetException naming the file when it is missing, too large,
   *     unreadable or not single-channel
   */
  public static LabelMap read(Path png) {
    Mat mat = ImageFiles.readLabelMap(png, "");
    try {
      int h = mat.rows();
      int w = mat.cols();
      int[] labels = new int[h * w];
      if (CvType.depth(mat.type()) == CvType.CV_8U) {
        byte[] raw = new byte[h * w];
        mat.get(0, 0, raw);
        for (int i = 0; i < raw.length; i++) {
          labels[i] = raw[i] & 0xff;
        }
      } else {
        short[] raw = new short[h * w];
        mat.get(0, 0, raw);
        for (int i = 0; i < raw.length; i++) {
          labels[i] = raw[i] & 0xffff;
        }
      }
      return new LabelMap(h, w, labels);
    } finally {
      mat.release();
    }
  }

  /**
   * Writes the labels as a PNG that {@link #read} gives back: 8-bit, or 16-bit when the labels
   * index more than 256 classes.
   *
   * @param numClasses how many classes the labels index
   * @throws IllegalArgumentException when a label is outside {@code [0, numClasses)}
   * @throws org.mlpvision.datasets.DatasetException naming the file when it cannot be written
   */
  public void write(Path png, int numClasses) {
    for (int v : labels) {
      if (v < 0 || v >= numClasses) {
        throw new IllegalArgumentException(
            png + ": label " + v + " is outside [0, " + numClasses + ")");
      }
    }
    OpenCvRuntime.ensureLoaded();
    boolean wide = numClasses > 256;
    Mat m = new Mat(height, width, wide ? CvType.CV_16UC1 : CvType.CV_8UC1);
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
      ImageFiles.write(png, m, 95);
    } finally {
      m.release();
    }
  }

  /** The labels as an H×W int32 array in {@code manager}. */
  public NDArray toNDArray(NDManager manager) {
    return manager.create(labels, new Shape(height, width));
  }
}

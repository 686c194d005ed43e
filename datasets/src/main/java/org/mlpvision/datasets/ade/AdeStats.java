package org.mlpvision.datasets.ade;

import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.Mat;

/**
 * Counts of an ADE20K split: images, and pixels per raw label value ({@code pixels[0]} is "other
 * objects", {@code pixels[k]} is class {@code k-1}); values above 150 are counted as invalid.
 */
public record AdeStats(int images, long[] pixels, long invalidPixels) {
  /** Decodes every image and label map, checks that their sizes agree, and counts label values. */
  public static AdeStats of(AdeDataset d) {
    long[] hist = new long[256];
    for (AdeSample s : d.samples()) {
      String item = "image " + s.stem();
      Mat img = ImageFiles.readBgr(s.image(), item);
      Mat lab = ImageFiles.readLabels(s.labels(), item);
      try {
        if (img.cols() != lab.cols() || img.rows() != lab.rows()) {
          throw new DatasetException(
              s.labels().toString(),
              item,
              "size",
              "label map is "
                  + lab.cols()
                  + "x"
                  + lab.rows()
                  + " but the image is "
                  + img.cols()
                  + "x"
                  + img.rows());
        }
        byte[] v = new byte[lab.rows() * lab.cols()];
        lab.get(0, 0, v);
        for (byte b : v) {
          hist[b & 0xff]++;
        }
      } finally {
        img.release();
        lab.release();
      }
    }
    long[] pixels = new long[AdeClasses.COUNT + 1];
    System.arraycopy(hist, 0, pixels, 0, pixels.length);
    long invalid = 0;
    for (int i = pixels.length; i < 256; i++) {
      invalid += hist[i];
    }
    return new AdeStats(d.samples().size(), pixels, invalid);
  }
}

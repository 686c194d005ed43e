package org.mlpvision.datasets.ade;

import java.util.List;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.SkipLog;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.Mat;

/**
 * Counts of an ADE20K split: images, and pixels per raw label value ({@code pixels[0]} is "other
 * objects", {@code pixels[k]} is class {@code k-1}); values above 150 are counted as invalid.
 *
 * @param images images counted
 * @param pixels pixels per raw label value 0..150
 * @param invalidPixels pixels with a raw label above 150
 * @param skipped one message per image skipped because it or its label map did not decode (only
 *     with skipping on)
 */
public record AdeStats(int images, long[] pixels, long invalidPixels, List<String> skipped) {
  /** Counts everything; any bad image or label map is an error. */
  public static AdeStats of(AdeDataset d) {
    return of(d, false);
  }

  /**
   * Decodes every image and label map (a palette PNG gives its indices), checks that their sizes
   * agree, and counts label values; with {@code skipInvalid} an image that fails is logged, counted
   * in {@link #skipped()} and left out.
   */
  public static AdeStats of(AdeDataset d, boolean skipInvalid) {
    long[] hist = new long[256];
    SkipLog log = new SkipLog(skipInvalid);
    int counted = 0;
    for (AdeSample s : d.samples()) {
      if (log.attempt(() -> count(s, hist))) {
        counted++;
      }
    }
    long[] pixels = new long[AdeClasses.COUNT + 1];
    System.arraycopy(hist, 0, pixels, 0, pixels.length);
    long invalid = 0;
    for (int i = pixels.length; i < 256; i++) {
      invalid += hist[i];
    }
    return new AdeStats(counted, pixels, invalid, log.skipped());
  }

  /** Adds one sample's label values to {@code hist}, only once both files decoded and agree. */
  private static void count(AdeSample s, long[] hist) {
    String item = "image " + s.stem();
    Mat img = ImageFiles.readBgr(s.image(), item);
    Mat lab = null;
    try {
      lab = ImageFiles.readLabels(s.labels(), item);
      if (img.cols() != lab.cols() || img.rows() != lab.rows()) {
        throw new DatasetException(
            s.labels().toString(),
            item,
            "size",
            String.format(
                "label map is %dx%d but the image is %dx%d",
                lab.cols(), lab.rows(), img.cols(), img.rows()));
      }
      byte[] v = new byte[lab.rows() * lab.cols()];
      lab.get(0, 0, v);
      for (byte b : v) {
        hist[b & 0xff]++;
      }
    } finally {
      img.release();
      if (lab != null) {
        lab.release();
      }
    }
  }
}

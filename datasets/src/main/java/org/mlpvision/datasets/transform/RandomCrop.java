package org.mlpvision.datasets.transform;

import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * mmseg {@code RandomCrop}: a {@code cropH x cropW} window at a uniform offset (truncated when the
 * image is smaller). With {@code catMaxRatio < 1}, up to 10 redraws until the window's non-ignored
 * labels hold more than one class and the largest class is below that share; otherwise the last
 * draw is used.
 */
public final class RandomCrop implements Transform {
  private final int cropH;
  private final int cropW;
  private final double catMaxRatio;
  private final int ignoreIndex;

  public RandomCrop(int cropH, int cropW, double catMaxRatio, int ignoreIndex) {
    this.cropH = cropH;
    this.cropW = cropW;
    this.catMaxRatio = catMaxRatio;
    this.ignoreIndex = ignoreIndex;
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    int[] box = draw(s, rnd);
    if (catMaxRatio < 1 && s.labelMap() != null) {
      for (int t = 0; t < 10; t++) {
        if (balanced(s.labelMap(), box)) {
          break;
        }
        box = draw(s, rnd);
      }
    }
    Crops.crop(s, box[0], box[1], box[2], box[3], true);
    return true;
  }

  private int[] draw(Sample s, Random rnd) {
    int marginH = Math.max(s.height() - cropH, 0);
    int marginW = Math.max(s.width() - cropW, 0);
    int y = rnd.nextInt(marginH + 1);
    int x = rnd.nextInt(marginW + 1);
    return new int[] {x, y, Math.min(cropW, s.width() - x), Math.min(cropH, s.height() - y)};
  }

  private boolean balanced(Mat labels, int[] box) {
    Mat view = labels.submat(new Rect(box[0], box[1], box[2], box[3]));
    byte[] v = new byte[box[2] * box[3]];
    Mat copy = view.clone();
    copy.get(0, 0, v);
    copy.release();
    view.release();
    long[] hist = new long[256];
    for (byte b : v) {
      hist[b & 0xff]++;
    }
    long sum = 0;
    long max = 0;
    int classes = 0;
    for (int c = 0; c < 256; c++) {
      if (c == ignoreIndex || hist[c] == 0) {
        continue;
      }
      classes++;
      sum += hist[c];
      max = Math.max(max, hist[c]);
    }
    return classes > 1 && (double) max / sum < catMaxRatio;
  }
}

package org.mlpvision.eval.coco;

import java.util.Arrays;

/**
 * Evaluation settings. The thresholds and area ranges are pycocotools' fixed defaults; only the IoU
 * type, the detection limits ({@code maxDets}, sorted ascending as {@code COCOeval.evaluate} does)
 * and the worker count vary.
 *
 * @param iouType boxes or masks
 * @param maxDets per-image, per-category detection limits, at least three, distinct; default {@code
 *     1,10,100}, mmdet uses {@code 100,300,1000}
 * @param threads host worker threads for mask IoU, matching and accumulation (at least 1)
 */
public record CocoParams(IouType iouType, int[] maxDets, int threads) {
  /** IoU thresholds {@code linspace(.5, .95, 10)}, bit for bit as numpy computes them. */
  public static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);

  /** Recall thresholds {@code linspace(0, 1, 101)}, bit for bit as numpy computes them. */
  public static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);

  /** Area ranges all, small, medium, large; both bounds inclusive. */
  static final double[][] AREA_RANGES = {
    {0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}
  };

  /** Labels of {@link #AREA_RANGES}. */
  static final String[] AREA_LABELS = {"all", "small", "medium", "large"};

  /** Validates and sorts {@code maxDets}. */
  public CocoParams {
    if (iouType == null) {
      throw new IllegalArgumentException("iouType is required");
    }
    if (maxDets == null || maxDets.length < 3) {
      // summarize() reads maxDets[0], [1] and [2]; pycocotools fails with fewer.
      throw new IllegalArgumentException(
          "maxDets needs at least three limits, got " + Arrays.toString(maxDets));
    }
    maxDets = maxDets.clone();
    Arrays.sort(maxDets);
    if (maxDets[0] < 1) {
      throw new IllegalArgumentException("maxDets must be positive, got " + maxDets[0]);
    }
    for (int i = 1; i < maxDets.length; i++) {
      if (maxDets[i] == maxDets[i - 1]) {
        throw new IllegalArgumentException("maxDets has " + maxDets[i] + " twice");
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** pycocotools' defaults ({@code maxDets 1,10,100}) with one worker per core. */
  public static CocoParams defaults(IouType iouType) {
    return new CocoParams(
        iouType, new int[] {1, 10, 100}, Runtime.getRuntime().availableProcessors());
  }

  /** The same settings with other detection limits. */
  public CocoParams withMaxDets(int... limits) {
    return new CocoParams(iouType, limits, threads);
  }

  /** The same settings with another worker count. */
  public CocoParams withThreads(int count) {
    return new CocoParams(iouType, maxDets, count);
  }

  /** The largest limit: detections kept per image and category. */
  public int maxDetsLast() {
    return maxDets[maxDets.length - 1];
  }

  @Override
  public int[] maxDets() {
    return maxDets.clone();
  }

  /** numpy's {@code linspace}: {@code start + i*step}, with the last value set to {@code stop}. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }
}

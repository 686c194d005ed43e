package org.mlpvision.datasets.ade;

/** Label-map value rules of mmseg's {@code LoadAnnotations}. */
public final class LabelMaps {
  /** The ignore value of segmentation losses and metrics. */
  public static final int IGNORE = 255;

  private LabelMaps() {}

  /**
   * mmseg's {@code reduce_zero_label}, in place: 0 becomes 255, every other value v becomes v-1,
   * and the resulting 254 (from 255) becomes 255 again. So raw {@code [0,1,2,150]} gives {@code
   * [255,0,1,149]}.
   */
  public static void reduceZeroLabel(byte[] labels) {
    for (int i = 0; i < labels.length; i++) {
      int v = labels[i] & 0xff;
      labels[i] = (byte) (v == 0 || v == 255 ? IGNORE : v - 1);
    }
  }
}

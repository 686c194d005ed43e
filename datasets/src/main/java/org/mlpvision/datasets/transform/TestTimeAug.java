package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;

/**
 * Test-time augmentation: one view per (scale, flip) pair, each resized keeping the ratio,
 * optionally flipped, normalized and padded, with a meta that maps predictions back. For mmseg's
 * aug-test the scales are {@code (int(2048r), int(512r))} for {@code r} in {@code
 * [0.5,0.75,1,1.25,1.5,1.75]}, with and without flip.
 */
public final class TestTimeAug {
  private final List<int[]> scales;
  private final boolean flip;
  private final List<Transform> after;

  /**
   * @param scales {@code {w, h}} target scales (keep ratio)
   * @param flip add a flipped view per scale
   * @param after steps applied to every view (e.g. normalize and pad)
   */
  public TestTimeAug(List<int[]> scales, boolean flip, List<Transform> after) {
    this.scales = List.copyOf(scales);
    this.flip = flip;
    this.after = List.copyOf(after);
  }

  /** mmseg's multi-scale + flip scales for a base scale and ratios. */
  public static List<int[]> ratioScales(int w, int h, double... ratios) {
    List<int[]> out = new ArrayList<>();
    for (double r : ratios) {
      out.add(new int[] {(int) (w * r), (int) (h * r)});
    }
    return out;
  }

  /** The views of {@code bgr} (not taken over); the caller closes each returned sample. */
  public List<Sample> views(String id, Mat bgr) {
    List<Sample> out = new ArrayList<>();
    Random unused = new Random(0); // the steps are deterministic here
    for (int[] scale : scales) {
      for (int f = 0; f < (flip ? 2 : 1); f++) {
        Sample s = new Sample(id, bgr.clone());
        int[] size = Resize.rescaledSize(s.width(), s.height(), scale);
        Resize.resizeTo(s, size[0], size[1]);
        if (f == 1) {
          RandomFlip.flip(s);
        }
        for (Transform t : after) {
          t.apply(s, unused);
        }
        out.add(s);
      }
    }
    return out;
  }
}

package org.mlpvision.datasets.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlpvision.datasets.mask.RleTest.bitmap;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RleOpsTest {
  private static final Rle A = Rle.fromBitmap(bitmap("010", "011", "011", "000"), 4, 3);
  private static final Rle G = Rle.fromBitmap(bitmap("011", "011", "000", "000"), 4, 3);

  @Test
  void boxIouWithAndWithoutCrowd() {
    double[][] dt = {{0, 0, 10, 10}};
    double[][] gt = {{5, 0, 10, 10}, {5, 0, 10, 10}};
    double[][] o = RleOps.boxIou(dt, gt, new boolean[] {false, true});
    assertThat(o[0][0]).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(o[0][1]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void maskIouWithAndWithoutCrowd() {
    double[][] o = RleOps.iou(List.of(A), List.of(G, G), new boolean[] {false, true});
    assertThat(o[0][0]).isCloseTo(0.5, within(1e-12));
    assertThat(o[0][1]).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void disjointMasksAndMismatchedSizes() {
    Rle left = Rle.fromBitmap(bitmap("10", "10"), 2, 2);
    Rle right = Rle.fromBitmap(bitmap("01", "01"), 2, 2);
    assertThat(RleOps.iou(List.of(left), List.of(right), null)[0][0]).isZero();
    Rle big = Rle.fromBitmap(bitmap("100", "100"), 2, 3);
    assertThat(RleOps.iou(List.of(left), List.of(big), null)[0][0]).isEqualTo(-1);
  }

  @Test
  void mergeEqualsBitwiseUnionAndIntersection() {
    Random r = new Random(3);
    for (int t = 0; t < 200; t++) {
      int h = 1 + r.nextInt(6);
      int w = 1 + r.nextInt(6);
      byte[] a = random(r, h * w);
      byte[] b = random(r, h * w);
      byte[] c = random(r, h * w);
      byte[] or = new byte[h * w];
      byte[] and = new byte[h * w];
      for (int i = 0; i < or.length; i++) {
        or[i] = (byte) (a[i] | b[i] | c[i]);
        and[i] = (byte) (a[i] & b[i] & c[i]);
      }
      List<Rle> rles =
          List.of(Rle.fromBitmap(a, h, w), Rle.fromBitmap(b, h, w), Rle.fromBitmap(c, h, w));
      assertThat(RleOps.merge(rles, false)).isEqualTo(Rle.fromBitmap(or, h, w));
      assertThat(RleOps.merge(rles, true)).isEqualTo(Rle.fromBitmap(and, h, w));
      double[][] iou = RleOps.iou(rles.subList(0, 1), rles.subList(1, 2), null);
      int inter = 0;
      int union = 0;
      for (int i = 0; i < or.length; i++) {
        inter += a[i] & b[i];
        union += a[i] | b[i];
      }
      double expected = inter == 0 ? 0 : (double) inter / union;
      assertThat(iou[0][0]).isCloseTo(expected, within(1e-12));
    }
  }

  private static byte[] random(Random r, int n) {
    byte[] m = new byte[n];
    for (int i = 0; i < n; i++) {
      m[i] = (byte) r.nextInt(2);
    }
    return m;
  }
}

package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.mask.Rle;

/** The box IoU device kernel and the RLE mask IoU against the spec's examples and a reference. */
class IouKernelsTest {
  @Test
  void deviceBoxIouGivesTheSpecValuesWithAndWithoutCrowd() {
    // heads.md 9.2: dt [0,0,10,10] vs gt [5,0,10,10]: 1/3; against a crowd: 0.5
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      double[] iou =
          DeviceBoxIou.pairs(
              m,
              new double[] {0, 0, 10, 10},
              new double[] {5, 0, 10, 10, 5, 0, 10, 10, 20, 0, 5, 5},
              new byte[] {0, 1, 0},
              new int[] {0, 0, 0},
              new int[] {0, 1, 2});
      assertThat(iou).containsExactly(50.0 / 150, 0.5, 0.0);
    }
  }

  @Test
  void deviceBoxIouIsBitIdenticalToTheScalarFormula() {
    Random rnd = new Random(3);
    int n = 500;
    double[] dt = new double[4 * n];
    double[] gt = new double[4 * n];
    byte[] crowd = new byte[n];
    int[] idx = new int[n];
    for (int i = 0; i < 4 * n; i++) {
      dt[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(50) : rnd.nextDouble() * 50;
      gt[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(50) : rnd.nextDouble() * 50;
    }
    for (int i = 0; i < n; i++) {
      crowd[i] = (byte) (rnd.nextInt(5) == 0 ? 1 : 0);
      idx[i] = i;
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      double[] iou = DeviceBoxIou.pairs(m, dt, gt, crowd, idx, idx);
      for (int i = 0; i < n; i++) {
        double[] d = java.util.Arrays.copyOfRange(dt, 4 * i, 4 * i + 4);
        double[] g = java.util.Arrays.copyOfRange(gt, 4 * i, 4 * i + 4);
        assertThat(iou[i]).isEqualTo(ReferenceCocoEval.boxIou(d, g, crowd[i] == 1));
      }
    }
  }

  @Test
  void hostBoxIouGivesTheDeviceKernelsBits() {
    Random rnd = new Random(4);
    for (int trial = 0; trial < 50; trial++) {
      int nd = rnd.nextInt(6);
      int ng = rnd.nextInt(6);
      Detection[] dt = new Detection[nd];
      GroundTruthObject[] gt = new GroundTruthObject[ng];
      double[] dBoxes = new double[4 * nd];
      double[] gBoxes = new double[4 * ng];
      byte[] crowd = new byte[ng];
      for (int d = 0; d < nd; d++) {
        double[] b = randomBox(rnd);
        System.arraycopy(b, 0, dBoxes, 4 * d, 4);
        dt[d] = Detection.box(1, b, 0.5);
      }
      for (int g = 0; g < ng; g++) {
        double[] b = randomBox(rnd);
        System.arraycopy(b, 0, gBoxes, 4 * g, 4);
        crowd[g] = (byte) (rnd.nextInt(4) == 0 ? 1 : 0);
        gt[g] = new GroundTruthObject(g + 1, 1, 1, b, b[2] * b[3], crowd[g] == 1, null);
      }
      int[] pd = new int[nd * ng];
      int[] pg = new int[nd * ng];
      for (int i = 0; i < nd * ng; i++) {
        pd[i] = i / Math.max(ng, 1);
        pg[i] = i % Math.max(ng, 1);
      }
      double[] host = HostBoxIou.matrix(dt, gt);
      try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
        double[] device = DeviceBoxIou.pairs(m, dBoxes, gBoxes, crowd, pd, pg);
        assertThat(host).hasSameSizeAs(device);
        for (int i = 0; i < host.length; i++) {
          assertThat(Double.doubleToRawLongBits(host[i]))
              .isEqualTo(Double.doubleToRawLongBits(device[i]));
        }
      }
    }
  }

  @Test
  void theTensorPathOfABatchGivesTheHostPathsMatrices() {
    // The path a GPU takes, run on the CPU: the batch flattened into pairs and split back.
    Random rnd = new Random(9);
    java.util.List<ImageCategoryGroup> groups = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Detection[] dt = new Detection[rnd.nextInt(5)];
      for (int d = 0; d < dt.length; d++) {
        dt[d] = Detection.box(1, randomBox(rnd), rnd.nextDouble());
      }
      GroundTruthObject[] gt = new GroundTruthObject[rnd.nextInt(4)];
      for (int g = 0; g < gt.length; g++) {
        double[] b = randomBox(rnd);
        gt[g] = new GroundTruthObject(g + 1, i, 1, b, b[2] * b[3], rnd.nextInt(3) == 0, null);
      }
      groups.add(new ImageCategoryGroup(i, 0, dt, gt));
    }
    double[][] device = BatchIou.onDevice(groups, Device.cpu());
    double[][] host = BatchIou.boxes(groups, Device.cpu(), Runnable::run);
    assertThat(device).isDeepEqualTo(host);
  }

  private static double[] randomBox(Random rnd) {
    double[] b = new double[4];
    for (int i = 0; i < 4; i++) {
      b[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(30) : rnd.nextDouble() * 30;
    }
    return b;
  }

  @Test
  void maskIouGivesTheSpecValuesWithAndWithoutCrowd() {
    // heads.md 9.2: A rows 010/011/011/000 vs G rows 011/011/000/000: 0.5; crowd: 3/5
    Rle a = Rle.fromBitmap(new byte[] {0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0}, 4, 3);
    Rle g = Rle.fromBitmap(new byte[] {0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0}, 4, 3);
    double[] iou = MaskIou.matrix(new Rle[] {a}, new Rle[] {g, g}, new boolean[] {false, true});
    assertThat(iou).containsExactly(0.5, 0.6);
  }

  @Test
  void maskIouEqualsBitmapCountingOnRandomMasks() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int h = 1 + rnd.nextInt(12);
      int w = 1 + rnd.nextInt(12);
      Rle a = randomMask(rnd, h, w);
      Rle b = randomMask(rnd, h, w);
      boolean crowd = rnd.nextBoolean();
      double got = MaskIou.matrix(new Rle[] {a}, new Rle[] {b}, new boolean[] {crowd})[0];
      assertThat(got).isEqualTo(ReferenceCocoEval.maskIou(a, b, crowd));
    }
    Rle small = Rle.fromBitmap(new byte[] {1}, 1, 1);
    Rle other = Rle.fromBitmap(new byte[] {1, 1}, 2, 1);
    assertThat(MaskIou.matrix(new Rle[] {small}, new Rle[] {other}, new boolean[] {false}))
        .containsExactly(-1.0);
  }

  private static Rle randomMask(Random rnd, int h, int w) {
    byte[] bits = new byte[h * w];
    double density = rnd.nextDouble();
    for (int i = 0; i < bits.length; i++) {
      bits[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
    }
    return Rle.fromBitmap(bits, h, w);
  }
}

package org.mlpvision.eval.coco;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.mlpvision.datasets.mask.Rle;

/**
 * The IoU matrices of one evaluation batch: boxes on host threads, or as one set of tensor ops on
 * an accelerator; masks on host threads.
 */
final class BatchIou {
  private BatchIou() {}

  /**
   * Box IoUs of every group of the batch: on host threads for the CPU (no tensor engine needed, and
   * faster than tensor ops at these sizes), as one set of tensor ops on any other device.
   */
  static double[][] boxes(
      List<ImageCategoryGroup> groups, Device device, Consumer<Runnable> runner) {
    if (device.getDeviceType().equals(Device.Type.CPU)) {
      double[][] out = new double[groups.size()][];
      runner.accept(
          () ->
              IntStream.range(0, groups.size())
                  .parallel()
                  .forEach(
                      i -> out[i] = HostBoxIou.matrix(groups.get(i).dt(), groups.get(i).gt())));
      return out;
    }
    return onDevice(groups, device);
  }

  static double[][] onDevice(List<ImageCategoryGroup> groups, Device device) {
    int nd = 0;
    int ng = 0;
    int np = 0;
    for (ImageCategoryGroup g : groups) {
      nd += g.dt().length;
      ng += g.gt().length;
      np += g.dt().length * g.gt().length;
    }
    double[] dtBoxes = new double[4 * nd];
    double[] gtBoxes = new double[4 * ng];
    byte[] crowd = new byte[ng];
    int[] pairDt = new int[np];
    int[] pairGt = new int[np];
    int dOff = 0;
    int gOff = 0;
    int p = 0;
    for (ImageCategoryGroup g : groups) {
      for (int d = 0; d < g.dt().length; d++) {
        System.arraycopy(g.dt()[d].bbox(), 0, dtBoxes, 4 * (dOff + d), 4);
      }
      for (int j = 0; j < g.gt().length; j++) {
        System.arraycopy(g.gt()[j].bbox(), 0, gtBoxes, 4 * (gOff + j), 4);
        crowd[gOff + j] = (byte) (g.gt()[j].crowd() ? 1 : 0);
      }
      for (int d = 0; d < g.dt().length; d++) {
        for (int j = 0; j < g.gt().length; j++) {
          pairDt[p] = dOff + d;
          pairGt[p] = gOff + j;
          p++;
        }
      }
      dOff += g.dt().length;
      gOff += g.gt().length;
    }
    double[] flat;
    try (NDManager scope = NDManager.newBaseManager(device)) {
      flat = DeviceBoxIou.pairs(scope, dtBoxes, gtBoxes, crowd, pairDt, pairGt);
    }
    double[][] out = new double[groups.size()][];
    p = 0;
    for (int i = 0; i < groups.size(); i++) {
      ImageCategoryGroup g = groups.get(i);
      int size = g.dt().length * g.gt().length;
      out[i] = Arrays.copyOfRange(flat, p, p + size);
      p += size;
    }
    return out;
  }

  /** Mask IoUs of every group, walking RLE runs in parallel over groups. */
  static double[][] masks(
      List<ImageCategoryGroup> groups, Consumer<Runnable> runner, long[] mismatchCount) {
    double[][] out = new double[groups.size()][];
    long[] mismatches = new long[groups.size()];
    runner.accept(
        () ->
            IntStream.range(0, groups.size())
                .parallel()
                .forEach(
                    i -> {
                      ImageCategoryGroup g = groups.get(i);
                      Rle[] dm = new Rle[g.dt().length];
                      for (int d = 0; d < dm.length; d++) {
                        dm[d] = g.dt()[d].mask();
                      }
                      Rle[] gm = new Rle[g.gt().length];
                      boolean[] crowd = new boolean[gm.length];
                      for (int j = 0; j < gm.length; j++) {
                        gm[j] = g.gt()[j].mask();
                        crowd[j] = g.gt()[j].crowd();
                      }
                      out[i] = MaskIou.matrix(dm, gm, crowd);
                      for (double v : out[i]) {
                        if (v == -1) {
                          mismatches[i]++;
                        }
                      }
                    }));
    for (long m : mismatches) {
      mismatchCount[0] += m;
    }
    return out;
  }
}

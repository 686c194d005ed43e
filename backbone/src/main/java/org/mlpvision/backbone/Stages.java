package org.mlpvision.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage arithmetic shared by the four-stage trunks (AS-MLP, Hire-MLP): both follow the same
 * conventions for drop-path rates, output sizes and {@code frozen_stages}, so one copy keeps them
 * from drifting apart.
 */
public final class Stages {
  private Stages() {}

  /**
   * Per-block drop-path rates, grouped by stage: {@code torch.linspace(0, maxRate, total)} over all
   * blocks, so block b of {@code total} gets {@code maxRate * b / (total - 1)}.
   */
  public static List<List<Float>> dropPathRates(List<Integer> depths, double maxRate) {
    int total = depths.stream().mapToInt(Integer::intValue).sum();
    List<List<Float>> rates = new ArrayList<>(depths.size());
    int global = 0;
    for (int depth : depths) {
      List<Float> stage = new ArrayList<>(depth);
      for (int j = 0; j < depth; j++) {
        stage.add(total > 1 ? (float) (maxRate * global / (total - 1)) : 0f);
        global++;
      }
      rates.add(stage);
    }
    return rates;
  }

  /**
   * Sizes (height, width) of the four stage outputs given the first stage's: each later stage is
   * the previous one halved, rounding up (stride-2 downsampling with padding).
   */
  public static List<long[]> halvings(long firstHeight, long firstWidth) {
    List<long[]> sizes = new ArrayList<>(4);
    long sh = firstHeight;
    long sw = firstWidth;
    for (int i = 0; i < 4; i++) {
      sizes.add(new long[] {sh, sw});
      sh = (sh + 1) / 2;
      sw = (sw + 1) / 2;
    }
    return sizes;
  }

  /**
   * Checks an image batch before the stem runs: (N, 3, H, W) with H and W at least {@code minSide},
   * so a wrong input fails with one line naming its shape instead of an engine trace.
   */
  public static void checkInput(String model, Shape shape, long minSide) {
    if (shape.dimension() != 4 || shape.get(1) != 3) {
      throw new IllegalArgumentException(
          model + " needs an (N, 3, H, W) image batch, got shape " + shape);
    }
    checkSize(model, shape.get(2), shape.get(3), minSide);
  }

  /** Checks that an H × W input reaches the stem's minimum {@code minSide} on both sides. */
  public static void checkSize(String model, long height, long width, long minSide) {
    if (height < minSide || width < minSide) {
      throw new IllegalArgumentException(
          String.format(
              "%s needs an input of at least %dx%d (HxW) for its stem, got %dx%d",
              model, minSide, minSide, height, width));
    }
  }

  /**
   * Freezes every parameter of {@code parts} (the modules a {@code frozen_stages} option names).
   */
  public static void freeze(List<? extends Block> parts) {
    for (Block b : parts) {
      for (Parameter p : b.getParameters().values()) {
        p.freeze(true);
      }
    }
  }
}

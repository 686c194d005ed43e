package org.mlpvision.core.train;

/**
 * The learning rate at each iteration: linear warm-up, then constant, step, cosine or poly decay
 * (mmcv's {@code lr_updater} formulas, by iteration). A pure function of the iteration, so a
 * resumed run needs no schedule state beyond the iteration number.
 */
public final class LrSchedule {
  private final ScheduleConfig config;
  private final double baseLr;
  private final long maxIters;

  /**
   * @param config the schedule
   * @param baseLr the optimizer's base learning rate
   * @param maxIters the run's length, the end of cosine and poly decay
   */
  public LrSchedule(ScheduleConfig config, double baseLr, long maxIters) {
    this.config = config;
    this.baseLr = baseLr;
    this.maxIters = maxIters;
  }

  /** The learning rate used by the optimizer step of iteration {@code iter} (from 0). */
  public double at(long iter) {
    double regular = regular(iter);
    int warmup = config.warmupIters();
    if (iter < warmup) {
      // mmcv: regular * (1 - (1 - i/W) * (1 - ratio)); starts at ratio * regular.
      double k = (1.0 - (double) iter / warmup) * (1.0 - config.warmupRatio());
      return regular * (1.0 - k);
    }
    return regular;
  }

  private double regular(long iter) {
    double progress = Math.min(1.0, (double) iter / maxIters);
    double min = config.minLr();
    return switch (config.policy()) {
      case "constant" -> baseLr;
      case "step" -> {
        int passed = 0;
        for (int s : config.steps()) {
          if (iter >= s) {
            passed++;
          }
        }
        yield baseLr * Math.pow(config.gamma(), passed);
      }
      case "cosine" -> min + (baseLr - min) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
      case "poly" -> (baseLr - min) * Math.pow(1.0 - progress, config.power()) + min;
      default -> throw new IllegalArgumentException("unknown lr policy " + config.policy());
    };
  }
}

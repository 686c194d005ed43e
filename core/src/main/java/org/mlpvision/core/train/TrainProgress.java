package org.mlpvision.core.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The console display of a run: a progress bar with ETA, loss, learning rate and images/s (the
 * progressbar library), or nothing at all for tests and benchmarks.
 */
public final class TrainProgress {
  private ProgressBar bar;
  private double imagesPerSecond = Double.NaN;
  private final boolean enabled;

  private TrainProgress(boolean enabled) {
    this.enabled = enabled;
  }

  /** A progress bar on the console. */
  public static TrainProgress console() {
    return new TrainProgress(true);
  }

  /** No output. */
  public static TrainProgress silent() {
    return new TrainProgress(false);
  }

  void start(long from, long max) {
    if (enabled) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("train")
              .setInitialMax(max)
              .startsFrom(from, Duration.ZERO)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .setMaxRenderedLength(120)
              .build();
    }
  }

  void step(long done, double loss, double lr) {
    if (bar != null) {
      bar.stepTo(done);
      String speed =
          Double.isNaN(imagesPerSecond)
              ? ""
              : String.format(Locale.ROOT, " %.1f img/s", imagesPerSecond);
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.2e%s", loss, lr, speed));
    }
  }

  void speed(double imagesPerSecond) {
    this.imagesPerSecond = imagesPerSecond;
  }

  /** Prints a line between progress-bar updates (nothing when silent). */
  public void note(String line) {
    if (enabled) {
      System.err.println();
      System.err.println(line);
    }
  }

  void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}

package org.mlpvision.spark.driver;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The driver's progress line for a job's stage: images predicted so far of the total, images per
 * second since the stage started, images skipped. Finished tasks count through the accumulator
 * (Spark applies the counts of successful attempts only); running tasks through the accumulator
 * values their executors' heartbeats report ({@code spark.executor.heartbeatInterval}), so the line
 * moves while long partitions run. A daemon thread prints it every {@code periodMillis} when it has
 * changed, and once more when {@link #close()}d.
 */
public final class StageProgress extends SparkListener implements AutoCloseable {
  private final LongAccumulator predicted;
  private final LongAccumulator skipped;
  private final long total;
  private final Consumer<String> out;
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final Thread printer;
  private volatile int stage = -1;
  private volatile long started = System.nanoTime();
  private String last = "";

  /**
   * @param predicted the job's count of images predicted
   * @param skipped the job's count of images skipped
   * @param total images in the job
   * @param periodMillis how often the line is printed
   * @param out where lines go
   */
  public StageProgress(
      LongAccumulator predicted,
      LongAccumulator skipped,
      long total,
      long periodMillis,
      Consumer<String> out) {
    this.predicted = predicted;
    this.skipped = skipped;
    this.total = total;
    this.out = out;
    printer =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(periodMillis);
                  print();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mlpvision-spark-progress");
    printer.setDaemon(true);
    printer.start();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    stage = event.stageInfo().stageId();
    started = System.nanoTime();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
    for (var task : CollectionConverters.asJava(event.accumUpdates())) {
      for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
        if (info.id() == predicted.id() && info.update().isDefined()) {
          running.put((Long) task._1(), ((Number) info.update().get()).longValue());
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    running.remove(event.taskInfo().taskId());
  }

  /** Images predicted so far: finished tasks plus what running tasks last reported. */
  public long predicted() {
    long n = predicted.value();
    for (long v : running.values()) {
      n += v;
    }
    return Math.min(n, total);
  }

  private synchronized void print() {
    long n = predicted();
    double seconds = (System.nanoTime() - started) / 1e9;
    String line =
        String.format(
            Locale.ROOT,
            "stage %d: %d/%d images, %.1f images/s, %d skipped",
            stage,
            n,
            total,
            seconds > 0 ? n / seconds : 0.0,
            skipped.value());
    // Compare without the rate: an idle line is not printed again.
    String key = n + "/" + skipped.value();
    if (!key.equals(last)) {
      last = key;
      out.accept(line);
    }
  }

  /** Stops the printer after a last line. */
  @Override
  public void close() {
    printer.interrupt();
    print();
  }
}

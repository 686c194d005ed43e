package org.mlpvision.spark.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlpvision.core.device.ThreadSettings;

/**
 * The Spark context of a command: the application's own under {@code spark-submit} (its {@code
 * spark.*} system properties name the master), or an embedded one for {@code --master local[...]}
 * (default {@code local[*]}), no installation needed. A context already running in the JVM is
 * reused.
 *
 * <p>Two things differ from Spark's defaults on purpose. A local master without a failure count
 * ({@code local[N]}) becomes {@code local[N,4]}: plain local mode never retries a failed task,
 * while a cluster tries each task {@code spark.task.maxFailures} = 4 times. And PyTorch runs {@code
 * spark.task.cpus} intra-op threads per task (1 by default) unless {@code
 * ai.djl.pytorch.num_threads} says otherwise, so that N tasks on N cores do not each start N
 * threads.
 */
public final class SparkContexts {
  /** Task attempts of a local master, as {@code spark.task.maxFailures} on a cluster. */
  static final int LOCAL_ATTEMPTS = 4;

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)])?");

  private static SparkContext opened;

  private SparkContexts() {}

  /**
   * The context for {@code master} (null: the submitted application's, else {@code local[*]}) with
   * {@code settings} on top.
   */
  public static synchronized JavaSparkContext open(
      String appName, String master, Map<String, String> settings) {
    // Before Netty loads: Spark's launcher sets it so Netty may use direct buffers on Java 17.
    if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
      System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    }
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(withRetries(master));
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(withRetries("local[*]"));
    } else {
      conf.setMaster(withRetries(conf.get("spark.master")));
    }
    settings.forEach(conf::set);
    // The stage's progress line replaces Spark's console bar, which would overwrite it.
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (conf.get("spark.master").startsWith("local")) {
      // Running tasks report their image counts with each heartbeat: often, for the progress line.
      conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
    }
    if (ThreadSettings.current().intraOp() == 0) {
      new ThreadSettings(conf.getInt("spark.task.cpus", 1), 1).apply();
    }
    SparkContext sc = SparkContext.getOrCreate(conf);
    opened = sc;
    return JavaSparkContext.fromSparkContext(sc);
  }

  /** Stops the context {@link #open} made or reused, if any. */
  public static synchronized void stop() {
    if (opened != null) {
      opened.stop();
      opened = null;
    }
  }

  /** {@code local} and {@code local[N]} with {@link #LOCAL_ATTEMPTS} attempts per task. */
  static String withRetries(String master) {
    Matcher m = LOCAL.matcher(master.strip());
    if (!m.matches()) {
      return master;
    }
    String threads = m.group(2) == null ? "1" : m.group(2);
    return "local[" + threads + "," + LOCAL_ATTEMPTS + "]";
  }
}

package org.mlpvision.spark.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one local Spark context of the test JVM, made on first use and shared by every Spark test:
 * {@code local[2,2]}, two task threads as {@code local[2]}, and a failed task tried a second time
 * (plain {@code local[N]} never retries). Its Hadoop configuration knows the {@code flaky:} file
 * system of {@link FlakyFileSystem}.
 */
public final class SharedSpark {
  /** The master URL of the shared context. */
  public static final String MASTER = "local[2,2]";

  private static JavaSparkContext context;

  private SharedSpark() {}

  /** The shared context. */
  public static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf =
          new SparkConf()
              .setMaster(MASTER)
              .setAppName("mlpvision-spark-tests")
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false")
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.executor.heartbeatInterval", "1s")
              .set("spark.hadoop.fs.flaky.impl", FlakyFileSystem.class.getName());
      context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
    }
    return context;
  }
}

package org.mlpvision.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Main class of the application jar for {@code spark-submit}: {@code test} and {@code infer}, with
 * the options of {@code vision spark test|infer}.
 */
@Command(
    name = "mlpvision-spark",
    mixinStandardHelpOptions = true,
    subcommands = {SparkTestCommand.class, SparkInferCommand.class},
    description = "MLPVision on Spark: distributed evaluation and inference of model directories.")
public final class SparkMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command, stops the application's context and exits with the command's status. */
  public static void main(String[] args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    int rc;
    try {
      rc = new CommandLine(new SparkMain()).execute(args);
    } finally {
      SparkContexts.stop();
    }
    System.exit(rc);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

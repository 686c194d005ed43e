package org.mlpvision.spark;

import org.mlpvision.spark.data.InputSet;

/**
 * A distributed inference (and evaluation) job as its driver is asked for it.
 *
 * @param model the model directory (a Hadoop path)
 * @param inputs the images and their ground truth
 * @param prediction what to predict, or null for the model's task (detection or segmentation)
 * @param evaluate whether to evaluate against the inputs' ground truth ({@code vision spark test})
 * @param out the output folder (a Hadoop path), or null to write no files
 * @param partitions how many partitions to split the images into, or 0 for four per core of the
 *     application (small tasks balance load and make a retry cheap); never more than images
 * @param batchSize images per {@code batchPredict}; 1, as {@code vision test} runs, gives its
 *     numbers bit for bit
 * @param device {@code auto} (Spark's GPU assignment, else the CPU) or {@code cpu}
 */
public record InferenceJob(
    String model,
    InputSet inputs,
    Prediction prediction,
    boolean evaluate,
    String out,
    int partitions,
    int batchSize,
    String device) {
  /** Checks the counts. */
  public InferenceJob {
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }
}

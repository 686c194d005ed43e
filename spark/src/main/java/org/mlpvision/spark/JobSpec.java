package org.mlpvision.spark;

import java.io.Serializable;

/**
 * What every task of a job needs to know, sent with the task.
 *
 * @param model the model directory (a Hadoop path)
 * @param prediction what is predicted
 * @param evaluate whether the partitions evaluate against ground truth
 * @param annotations the COCO annotation file the detection partitions evaluate against, or null
 * @param reduceZeroLabel segmentation: mmseg's {@code reduce_zero_label} for the ground truth
 * @param out the output folder (a Hadoop path), or null to write nothing
 * @param staging the folder where task attempts leave their parts of the output files, or null
 * @param batchSize images per {@code batchPredict}
 * @param device {@code auto} (Spark's GPU assignment, else the CPU) or {@code cpu}
 */
public record JobSpec(
    String model,
    Prediction prediction,
    boolean evaluate,
    String annotations,
    boolean reduceZeroLabel,
    String out,
    String staging,
    int batchSize,
    String device)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the batch size. */
  public JobSpec {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }
}

package org.mlpvision.spark.exec;

import java.io.Serializable;
import java.util.List;

/**
 * What one successful task attempt hands the driver for its partition. The driver accepts exactly
 * one result per partition (the one Spark's scheduler took), and with it exactly that attempt's
 * staged output part: parts of failed or duplicate attempts are never read.
 *
 * @param partition the partition index
 * @param attempt Spark's task attempt id
 * @param predicted images predicted
 * @param skipped one line per image skipped, naming its file and why
 * @param output the evaluation partial, staged part and image sizes
 * @param seconds the time the partition took, model loading included
 */
public record PartitionResult(
    int partition,
    long attempt,
    long predicted,
    List<String> skipped,
    PartitionOutput output,
    double seconds)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}

package org.mlpvision.spark.exec;

import java.io.Serializable;
import java.util.List;

/**
 * What a partition's outputs leave for the driver.
 *
 * @param partial the evaluator's partial state, or null when not evaluating
 * @param part the output part this task attempt staged, or null
 * @param sizes the {@code [cocoId, width, height]} of every image predicted when the results file
 *     needs its {@code images} entries (detection on plain images), else empty
 */
public record PartitionOutput(Serializable partial, String part, List<long[]> sizes)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}

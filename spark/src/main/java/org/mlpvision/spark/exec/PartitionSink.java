package org.mlpvision.spark.exec;

import org.mlpvision.spark.data.ImageRecord;

/**
 * Where one partition's predictions go: its evaluator and its part of the output files. Closing it
 * without {@link #finish()} (a failed task) leaves nothing behind in the output.
 *
 * @param <O> the prediction of one image
 */
interface PartitionSink<O> extends AutoCloseable {
  /** Takes the prediction of one image. */
  void accept(ImageRecord image, O prediction) throws Exception;

  /** Stages the output part and returns what the driver needs of this partition. */
  PartitionOutput finish() throws Exception;

  @Override
  void close() throws Exception;
}

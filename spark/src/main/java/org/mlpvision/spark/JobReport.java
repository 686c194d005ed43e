package org.mlpvision.spark;

import java.util.List;
import java.util.Map;

/**
 * What a job did.
 *
 * @param metrics the evaluation's metrics as {@code vision test} reports them (with {@code
 *     images}), or empty when not evaluating
 * @param images images in the input
 * @param predicted images predicted
 * @param skipped one line per image skipped (missing, corrupt or too large), naming its file
 * @param partitions partitions the images were split into
 * @param seconds wall time of the distributed stage (model loading included)
 * @param outputs the files written (results file, images file, embeddings; label PNGs are in {@code
 *     <out>/labels})
 * @param warnings what the evaluation left out
 */
public record JobReport(
    Map<String, Double> metrics,
    long images,
    long predicted,
    List<String> skipped,
    int partitions,
    double seconds,
    List<String> outputs,
    List<String> warnings) {
  /** Images predicted per second of the distributed stage. */
  public double imagesPerSecond() {
    return seconds > 0 ? predicted / seconds : 0;
  }
}

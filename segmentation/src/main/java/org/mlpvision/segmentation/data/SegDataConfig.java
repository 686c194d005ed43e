package org.mlpvision.segmentation.data;

import java.nio.file.Path;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.datasets.transform.AdePipelineConfig;

/**
 * A segmentation recipe's {@code data} section: an ADE20K-layout folder ({@code
 * images/{training,validation}}, {@code annotations/...}), mmseg's {@code reduce_zero_label}, the
 * images per micro-batch ({@code samples_per_gpu}) and the pipelines' numbers.
 *
 * @param type {@code ade20k} (the SceneParsing layout; the synthetic ade-shapes set uses it too)
 * @param root the {@code ADEChallengeData2016} folder (required)
 * @param trainSplit training split (default {@code training})
 * @param valSplit validation split (default {@code validation})
 * @param reduceZeroLabel mmseg's {@code reduce_zero_label} (default true, as ADE20K needs)
 * @param samplesPerGpu images per micro-batch (default 2, mmseg's)
 * @param pipeline the training and test pipelines (default mmseg's ADE20K values)
 * @param synth generate the synthetic ade-shapes set into {@code root} when it has no images yet; a
 *     relative {@code root} is then resolved against the run's work directory (null: a real data
 *     set, {@code root} resolved against the current directory)
 */
public record SegDataConfig(
    @OneOf({"ade20k"}) String type,
    String root,
    @OneOf({"training", "validation"}) String trainSplit,
    @OneOf({"training", "validation"}) String valSplit,
    Boolean reduceZeroLabel,
    @Range(min = 1, max = 1024) Integer samplesPerGpu,
    AdePipelineConfig pipeline,
    SynthConfig synth) {
  /** Fills the defaults and checks the root. */
  public SegDataConfig {
    type = Defaults.or(type, "ade20k");
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("data needs 'root', the ADEChallengeData2016 folder");
    }
    trainSplit = Defaults.or(trainSplit, "training");
    valSplit = Defaults.or(valSplit, "validation");
    reduceZeroLabel = Defaults.or(reduceZeroLabel, true);
    samplesPerGpu = Defaults.or(samplesPerGpu, 2);
    pipeline = Defaults.or(pipeline, AdePipelineConfig.defaults());
  }

  /**
   * The data set root of a run in {@code workDir}: a relative {@code root} is resolved against the
   * work directory when the set is synthesized, else against the current directory.
   */
  public Path rootFor(Path workDir) {
    Path r = Path.of(root);
    return synth != null && !r.isAbsolute() ? workDir.resolve(r) : r;
  }
}

package org.mlpvision.datasets.ade;

import java.nio.file.Path;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;

/**
 * An ADE20K split in a config file (e.g. section {@code data.train}).
 *
 * @param root the {@code ADEChallengeData2016} directory (required)
 * @param split {@code training} or {@code validation} (default training)
 * @param skipInvalid log and count images without label maps instead of failing (default false)
 * @param reduceZeroLabel mmseg's {@code reduce_zero_label} (default true, as ADE20K uses)
 */
public record AdeDataConfig(
    String root,
    @OneOf({"training", "validation"}) String split,
    Boolean skipInvalid,
    Boolean reduceZeroLabel) {
  /** Checks required keys and fills pinned defaults. */
  public AdeDataConfig {
    if (root == null) {
      throw new IllegalArgumentException("an ADE20K data config needs 'root'");
    }
    split = Defaults.or(split, "training");
    skipInvalid = Defaults.or(skipInvalid, false);
    reduceZeroLabel = Defaults.or(reduceZeroLabel, true);
  }

  /** Lists the split. */
  public AdeDataset open() {
    return AdeDataset.open(Path.of(root), split, skipInvalid);
  }
}

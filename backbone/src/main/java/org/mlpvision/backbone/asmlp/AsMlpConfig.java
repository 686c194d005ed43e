package org.mlpvision.backbone.asmlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.backbone.BackboneConfigs;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * An AS-MLP architecture as in the official {@code AxialShiftedMLP} / {@code ASMLP} constructors.
 * Absent keys take AS-MLP-Tiny's values.
 *
 * @param type always {@code as_mlp}
 * @param embedDim channels C of stage 1 (stages C, 2C, 4C, 8C); Tiny 96
 * @param depths blocks per stage (Tiny 2,2,6,2)
 * @param shiftSize axial shift size s (5)
 * @param mlpRatio channel-MLP expansion (4)
 * @param dropPath maximum drop-path rate, linear over all blocks (Tiny 0.2)
 * @param numClasses classes of the classifier form (1000 when absent)
 * @param outFeatures dense outputs to return, subset of stage1..stage4 (all when absent)
 * @param frozenStages dense form: -1 none, 0 the stem, k the stem and stages 1..k
 * @param normEval accepted for symmetry with Hire-MLP; GroupNorm has no running statistics
 */
public record AsMlpConfig(
    @OneOf({"as_mlp"}) String type,
    @JsonProperty("embed_dim") @Range(min = 1, max = 4096) Integer embedDim,
    List<Integer> depths,
    @JsonProperty("shift_size") @Range(min = 1, max = 63) Integer shiftSize,
    @JsonProperty("mlp_ratio") Double mlpRatio,
    @JsonProperty("drop_path") Double dropPath,
    @JsonProperty("num_classes") Integer numClasses,
    @JsonProperty("out_features") List<String> outFeatures,
    @JsonProperty("frozen_stages") Integer frozenStages,
    @JsonProperty("norm_eval") Boolean normEval)
    implements BackboneConfig {
  /** The config type name. */
  public static final String TYPE = "as_mlp";

  /** Fills defaults and validates. */
  public AsMlpConfig {
    type = Defaults.or(type, TYPE);
    embedDim = Defaults.or(embedDim, 96);
    depths = Defaults.list(depths, List.of(2, 2, 6, 2));
    shiftSize = Defaults.or(shiftSize, 5);
    mlpRatio = Defaults.or(mlpRatio, 4.0);
    dropPath = Defaults.or(dropPath, 0.2);
    outFeatures = Defaults.list(outFeatures, BackboneConfigs.STAGES);
    frozenStages = Defaults.or(frozenStages, -1);
    normEval = Defaults.or(normEval, false);
    BackboneConfigs.fourPositive("depths", depths);
    if (mlpRatio <= 0) {
      throw new IllegalArgumentException("mlp_ratio must be > 0, got " + mlpRatio);
    }
    if (embedDim < 1 || shiftSize < 1) {
      throw new IllegalArgumentException(
          "embed_dim and shift_size must be >= 1, got " + embedDim + ", " + shiftSize);
    }
    BackboneConfigs.outFeatures(outFeatures);
    BackboneConfigs.common(dropPath, frozenStages, numClasses);
  }

  /** Channels of stage {@code i} (0-based): C·2^i. */
  public int dim(int i) {
    return embedDim << i;
  }

  /** The same architecture with another number of classes. */
  public AsMlpConfig withNumClasses(Integer classes) {
    return with(classes, dropPath);
  }

  /** The same architecture with another maximum drop-path rate. */
  public AsMlpConfig withDropPath(double rate) {
    return with(numClasses, rate);
  }

  private AsMlpConfig with(Integer classes, double rate) {
    return new AsMlpConfig(
        type,
        embedDim,
        depths,
        shiftSize,
        mlpRatio,
        rate,
        classes,
        outFeatures,
        frozenStages,
        normEval);
  }

  @Override
  public Backbone dense() {
    return new AsMlpBackbone(this);
  }

  @Override
  public Classifier classifier() {
    return new AsMlpClassifier(this, BackboneConfigs.classes(numClasses));
  }
}

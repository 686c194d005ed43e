package org.mlpvision.backbone.hire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.backbone.BackboneConfigs;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;

/**
 * A Hire-MLP architecture as in the official {@code HireMLP} / {@code HireMLPNet} constructors.
 * Absent keys take Hire-MLP-Tiny's values (drop path 0.0).
 *
 * @param type always {@code hire_mlp}
 * @param depths blocks per stage (Tiny 2,2,4,2)
 * @param embedDims channels per stage (64,128,320,512)
 * @param mlpRatios channel-MLP expansion per stage (4)
 * @param regionSizes region size p per stage (4,3,3,2)
 * @param stepStride step schedule period per stage (2,2,3,2)
 * @param stepDilation step multiplier per stage (2,2,1,1); step of block j = (j mod
 *     stride)·dilation
 * @param dropPath maximum drop-path rate, linear over all blocks
 * @param numClasses classes of the classifier form (1000 when absent)
 * @param outFeatures dense outputs to return, subset of stage1..stage4 (all when absent)
 * @param frozenStages dense form: -1 none, 0 the stem, k the stem and stages 1..k
 * @param normEval dense form: BatchNorm keeps running statistics in training
 */
public record HireMlpConfig(
    @OneOf({"hire_mlp"}) String type,
    List<Integer> depths,
    @JsonProperty("embed_dims") List<Integer> embedDims,
    @JsonProperty("mlp_ratios") List<Double> mlpRatios,
    @JsonProperty("region_sizes") List<Integer> regionSizes,
    @JsonProperty("step_stride") List<Integer> stepStride,
    @JsonProperty("step_dilation") List<Integer> stepDilation,
    @JsonProperty("drop_path") Double dropPath,
    @JsonProperty("num_classes") Integer numClasses,
    @JsonProperty("out_features") List<String> outFeatures,
    @JsonProperty("frozen_stages") Integer frozenStages,
    @JsonProperty("norm_eval") Boolean normEval)
    implements BackboneConfig {
  /** The config type name. */
  public static final String TYPE = "hire_mlp";

  /** Fills defaults and validates. */
  public HireMlpConfig {
    type = Defaults.or(type, TYPE);
    depths = Defaults.list(depths, List.of(2, 2, 4, 2));
    embedDims = Defaults.list(embedDims, List.of(64, 128, 320, 512));
    mlpRatios = Defaults.list(mlpRatios, List.of(4.0, 4.0, 4.0, 4.0));
    regionSizes = Defaults.list(regionSizes, List.of(4, 3, 3, 2));
    stepStride = Defaults.list(stepStride, List.of(2, 2, 3, 2));
    stepDilation = Defaults.list(stepDilation, List.of(2, 2, 1, 1));
    dropPath = Defaults.or(dropPath, 0.0);
    outFeatures = Defaults.list(outFeatures, BackboneConfigs.STAGES);
    frozenStages = Defaults.or(frozenStages, -1);
    normEval = Defaults.or(normEval, false);
    BackboneConfigs.fourPositive("depths", depths);
    BackboneConfigs.fourPositive("embed_dims", embedDims);
    BackboneConfigs.fourPositive("mlp_ratios", mlpRatios);
    BackboneConfigs.fourPositive("region_sizes", regionSizes);
    BackboneConfigs.fourPositive("step_stride", stepStride);
    BackboneConfigs.fourPositive("step_dilation", stepDilation);
    for (int d : embedDims) {
      if (d < 4) {
        throw new IllegalArgumentException("embed_dims entries must be >= 4, got " + embedDims);
      }
    }
    BackboneConfigs.outFeatures(outFeatures);
    BackboneConfigs.common(dropPath, frozenStages, numClasses);
  }

  /** Step of block {@code j} of stage {@code stage}: (j mod stride) × dilation. */
  public int step(int stage, int j) {
    return (j % stepStride.get(stage)) * stepDilation.get(stage);
  }

  /** The same architecture with another number of classes. */
  public HireMlpConfig withNumClasses(Integer classes) {
    return with(classes, dropPath);
  }

  /** The same architecture with another maximum drop-path rate. */
  public HireMlpConfig withDropPath(double rate) {
    return with(numClasses, rate);
  }

  private HireMlpConfig with(Integer classes, double rate) {
    return new HireMlpConfig(
        type,
        depths,
        embedDims,
        mlpRatios,
        regionSizes,
        stepStride,
        stepDilation,
        rate,
        classes,
        outFeatures,
        frozenStages,
        normEval);
  }

  @Override
  public Backbone dense() {
    return new HireMlpBackbone(this);
  }

  @Override
  public Classifier classifier() {
    return new HireMlpClassifier(this, BackboneConfigs.classes(numClasses));
  }
}

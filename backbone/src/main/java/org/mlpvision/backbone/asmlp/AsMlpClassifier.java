package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.ops.Scalars;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Linear;

/**
 * AS-MLP as an image classifier (official {@code AxialShiftedMLP}): trunk → GroupNorm {@code norm}
 * → global average → {@code head}. The official classifier only accepts 224×224; this one accepts
 * any size by the segmentation backbone's zero padding, identical at 224×224.
 */
public final class AsMlpClassifier extends AsMlpTrunk implements Classifier {
  private final int classes;
  private final GroupNormLayer norm;
  private final Linear head;

  /** Builds the classifier with {@code classes} outputs. */
  public AsMlpClassifier(AsMlpConfig config, int classes) {
    super(config);
    this.classes = classes;
    norm = addChildBlock("norm", new GroupNormLayer(1, config.dim(3)));
    head = addChildBlock("head", new Linear(config.dim(3), classes, Init.truncNormal(0.02)));
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public NDArray logits(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = norm.apply(ps, stageOutputs(ps, x, training, -1).get(3), training);
    Shape s = y.getShape();
    return head.apply(ps, Scalars.div(y.sum(new int[] {2, 3}), s.get(2) * s.get(3)), training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(logits(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }

  @Override
  public long macs(long height, long width) {
    return trunkMacs(height, width) + head.macs();
  }
}

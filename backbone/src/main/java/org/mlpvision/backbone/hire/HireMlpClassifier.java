package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.ops.Scalars;
import org.mlpvision.nn.BatchNorm2d;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Linear;

/**
 * Hire-MLP as an image classifier (official {@code HireMLP}): trunk → BatchNorm {@code norm} →
 * global mean → {@code head}. Works for any input of at least 3×3 (official code: 19×19).
 */
public final class HireMlpClassifier extends HireMlpTrunk implements Classifier {
  private final int classes;
  private final BatchNorm2d norm;
  private final Linear head;

  /** Builds the classifier with {@code classes} outputs. */
  public HireMlpClassifier(HireMlpConfig config, int classes) {
    super(config);
    this.classes = classes;
    int last = config.embedDims().get(3);
    norm = addChildBlock("norm", new BatchNorm2d(last));
    head = addChildBlock("head", new Linear(last, classes, Init.truncNormal(0.02)));
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public NDArray logits(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = norm.apply(ps, stageOutputs(ps, x, training, -1).get(3), training);
    Shape s = y.getShape();
    NDArray pooled = Scalars.div(y.sum(new int[] {2, 3}), s.get(2) * s.get(3));
    return head.apply(ps, pooled, training);
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

package org.mlpvision.classification;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlpvision.datasets.classify.ShapeBatch;
import org.mlpvision.eval.DatasetEvaluator;

/**
 * Top-1 accuracy over a split: the fraction of images whose highest logit is their label. Inputs:
 * the batch (for its labels); outputs: the {@code (N, classes)} logits. Metric: {@code top1}.
 */
public final class TopOneEvaluator implements DatasetEvaluator<ShapeBatch, NDArray> {
  private long correct;
  private long images;

  @Override
  public void reset() {
    correct = 0;
    images = 0;
  }

  @Override
  public void process(ShapeBatch inputs, NDArray logits) {
    correct += logits.argMax(1).eq(inputs.labels()).sum().getLong();
    images += inputs.size();
  }

  /** {@code top1}; NaN when nothing was processed. */
  @Override
  public Map<String, Double> evaluate() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("top1", images == 0 ? Double.NaN : (double) correct / images);
    return out;
  }
}

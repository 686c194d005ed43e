package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * Base of every layer, backbone, neck and head: a DJL block whose parameters have fixed shapes
 * known at construction (so initialisation needs no input shape) and whose children and parameters
 * carry the official PyTorch state-dict names ({@code weight}, {@code running_mean}, {@code
 * lateral_convs.0.conv.weight}, ...).
 *
 * <p>Parents call their children through typed methods, not through {@code NDList}s: a layer with
 * one tensor in and out extends {@link UnaryLayer} ({@code apply}); a layer with several inputs or
 * outputs (a feature pyramid, an RPN head giving scores and deltas per level, a box head giving
 * logits and deltas) extends this class directly and adds its own typed method, mapping DJL's
 * {@code forward} onto it for code that only knows {@link Block}.
 */
public abstract class Layer extends AbstractBlock {
  /** A layer at version 1. */
  protected Layer() {
    super((byte) 1);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    // Every parameter has a fixed shape, so children need no shape propagation.
    for (Pair<String, Block> child : children) {
      child.getValue().initialize(manager, dataType, shapes);
    }
  }

  /** Adds a trainable parameter with a fixed shape. */
  protected Parameter parameter(
      String name, Parameter.Type type, Shape shape, Initializer initializer) {
    return addFixed(name, type, shape, initializer, true);
  }

  /** Adds a buffer (no gradient), such as a BatchNorm running statistic. */
  protected Parameter buffer(
      String name, Parameter.Type type, Shape shape, Initializer initializer) {
    return addFixed(name, type, shape, initializer, false);
  }

  private Parameter addFixed(
      String name, Parameter.Type type, Shape shape, Initializer initializer, boolean grad) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(type)
            .optShape(shape)
            .optInitializer(initializer)
            .optRequiresGrad(grad)
            .build());
  }

  /** The value of {@code p} on {@code x}'s device. */
  protected static NDArray value(ParameterStore ps, Parameter p, NDArray x, boolean training) {
    return ps.getValue(p, x.getDevice(), training);
  }
}

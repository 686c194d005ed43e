package org.mlpvision.backbone.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Base of the backbone layers: a DJL block with one tensor in and one out, whose parameters have
 * fixed shapes known at construction (so initialisation needs no input shape) and whose children
 * and parameters carry the official PyTorch state-dict names ({@code weight}, {@code running_mean},
 * ...). Parents call {@link #apply} on children directly instead of going through {@link NDList}s.
 */
public abstract class Module extends AbstractBlock {
  /** A module at version 1. */
  protected Module() {
    super((byte) 1);
  }

  /**
   * Runs the module on one tensor (timed per module class while a {@link ModuleProfile} is active
   * on this thread).
   */
  public final NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    ModuleProfile profile = ModuleProfile.current();
    if (profile == null) {
      return compute(ps, x, training);
    }
    long t0 = System.nanoTime();
    NDArray y = compute(ps, x, training);
    profile.add(getClass().getSimpleName(), System.nanoTime() - t0);
    return y;
  }

  /** The module's computation on one tensor. */
  protected abstract NDArray compute(ParameterStore ps, NDArray x, boolean training);

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  /** Output shape for an input shape; shape-preserving unless overridden. */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
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

package org.mlpvision.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A DJL {@link BatchNorm} whose training behaviour can be switched to {@link BatchNormMode#EVAL} or
 * {@link BatchNormMode#FROZEN}. DJL passes one {@code training} flag to the whole model, so
 * detection recipes that keep BatchNorm in inference mode while the rest trains need this wrapper;
 * models use it in place of a plain {@code BatchNorm}.
 */
public final class ModalBatchNorm extends AbstractBlock {
  private final Block norm;
  private BatchNormMode mode = BatchNormMode.TRAIN;

  /**
   * @param norm the wrapped layer, for example {@code BatchNorm.builder().build()}
   */
  public ModalBatchNorm(BatchNorm norm) {
    super((byte) 1);
    this.norm = addChildBlock("bn", norm);
  }

  /** A BatchNorm over axis 1 (channels-first) with DJL's defaults. */
  public static ModalBatchNorm channelsFirst() {
    return new ModalBatchNorm(BatchNorm.builder().build());
  }

  /** The current mode. */
  public BatchNormMode mode() {
    return mode;
  }

  /** Sets the mode; {@code FROZEN} also stops gradients to the affine parameters. */
  public void setMode(BatchNormMode mode) {
    this.mode = mode;
    // Only the affine parameters: unfreezing running statistics would make them require gradients.
    norm.freezeParameters(
        mode == BatchNormMode.FROZEN,
        p -> p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA);
  }

  /**
   * Sets {@code mode} on every {@link ModalBatchNorm} inside {@code root}.
   *
   * @throws IllegalArgumentException when a non-train mode is asked for and the model holds plain
   *     DJL {@code BatchNorm} layers that cannot follow it
   */
  public static void apply(Block root, BatchNormMode mode) {
    visit(root, mode, "");
  }

  private static void visit(Block block, BatchNormMode mode, String path) {
    if (block instanceof ModalBatchNorm m) {
      m.setMode(mode);
      return;
    }
    if (block instanceof BatchNorm && mode != BatchNormMode.TRAIN) {
      throw new IllegalArgumentException(
          "batch-norm mode "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + " needs ModalBatchNorm layers, but '"
              + path
              + "' is a plain DJL BatchNorm");
    }
    for (var child : block.getChildren()) {
      visit(child.getValue(), mode, path.isEmpty() ? child.getKey() : path + "_" + child.getKey());
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return norm.forward(store, inputs, training && mode == BatchNormMode.TRAIN, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return norm.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    norm.initialize(manager, dataType, inputShapes);
  }
}

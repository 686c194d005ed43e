package org.mlpvision.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.core.train.TrainTask;
import org.mlpvision.datasets.loader.Batch;
import org.mlpvision.datasets.loader.GlobalBatches;
import org.mlpvision.datasets.structures.ImageList;

/**
 * Segmentation as the training loop sees it: global micro-batch {@code i} of the prefetching ADE20K
 * loader (so a resumed run sees the same batches) and the segmentor's losses.
 */
final class SegmentationTask implements TrainTask<SegmentationTask.SegBatch> {
  /**
   * One micro-batch on the device.
   *
   * @param images the padded images and their metas
   * @param labels {@code (N, H, W)} int64 classes, 255 where ignored or padded
   */
  record SegBatch(ImageList images, NDArray labels) {}

  private final EncoderDecoder model;
  private final GlobalBatches batches;

  SegmentationTask(EncoderDecoder model, GlobalBatches batches) {
    this.model = model;
    this.batches = batches;
  }

  @Override
  public Block model() {
    return model;
  }

  @Override
  public SegBatch batch(long index, NDManager scope) {
    Batch b = batches.get(index).toDevice(scope);
    return new SegBatch(
        new ImageList(b.images(), b.metas()), b.labelMaps().toType(DataType.INT64, false));
  }

  @Override
  public int size(SegBatch batch) {
    return batch.images().size();
  }

  @Override
  public LossTerms losses(Block block, ParameterStore store, SegBatch batch, StepContext step) {
    return ((EncoderDecoder) block).losses(store, batch.images(), batch.labels(), step);
  }
}

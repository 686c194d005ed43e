package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

/**
 * Trained weights into an initialised model, whatever file holds them: a checkpoint of a run
 * ({@code *.ckpt}, by DJL parameter name) or a state dict by PyTorch name ({@code .pth}, {@code
 * .pt}, {@code .safetensors}, {@code .npz}; loaded strictly, so an official mmdet/mmseg file that
 * does not fit the model is an error naming the keys).
 */
public final class ModelWeights {
  private ModelWeights() {}

  /**
   * Loads {@code file} into {@code model}.
   *
   * @param manager where the file's tensors are staged (freed before returning)
   * @return the checkpoint's iteration, or -1 for a state dict
   */
  public static long load(Block model, Path file, NDManager manager) throws IOException {
    if (file.getFileName().toString().endsWith(".ckpt")) {
      Checkpoint ckpt = CheckpointStore.read(file);
      ModelState.load(model, ckpt.model());
      return ckpt.iteration();
    }
    try (NDManager tmp = manager.newSubManager()) {
      WeightLoader.load(model, StateDict.read(file, tmp), true, file.toString());
    }
    return -1;
  }
}

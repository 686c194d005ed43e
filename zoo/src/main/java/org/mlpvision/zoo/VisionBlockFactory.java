package org.mlpvision.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.mlpvision.zoo.block.TaskBlock;

/**
 * DJL's {@link BlockFactory} of a model directory ({@code blockFactory} in its {@code
 * serving.properties}): builds the model of {@code model.json} on the DJL model's manager, hence on
 * the device the {@code Criteria} asked for, with {@code weights.safetensors} loaded, and returns
 * it as a {@link TaskBlock}.
 */
public final class VisionBlockFactory implements BlockFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
    return new TaskBlock(VisionModel.load(ModelDirectory.open(modelPath), model.getNDManager()));
  }
}

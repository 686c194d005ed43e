package org.mlpvision.cli.apps;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelExporter;
import org.mlpvision.zoo.ModelMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision export}: a recipe's checkpoint as a model directory applications load. */
@Command(
    name = "export",
    description = {
      "Export a checkpoint (a run's .ckpt, or an official mmdet/mmseg .pth or .safetensors) as a"
          + " model directory: model.json (model, test pipeline, classes), weights.safetensors,"
          + " serving.properties.",
      "Load it with DJL's Criteria.optModelPath(DIR) or run it with vision infer --model DIR."
    })
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Recipe JSON file")
  Path config;

  @Option(names = "--checkpoint", required = true, description = "Checkpoint of the recipe")
  Path checkpoint;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory")
  Path out;

  @Override
  public Integer call() throws Exception {
    ModelDirectory dir = ModelExporter.export(config, checkpoint, out);
    ModelMetadata m = dir.metadata();
    System.out.printf(
        "%s: %s model %s, %d classes (format_version %d)%n",
        dir.path(), m.task(), m.name(), m.numClasses(), ModelMetadata.VERSION);
    return 0;
  }
}

package org.mlpvision.detection.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.memory.LiveArrays;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.detection.detector.TwoStageDetector;
import org.mlpvision.detection.testing.TinyDetectors;
import org.mlpvision.detection.testing.TinyRecipe;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.InferenceDriver;
import org.mlpvision.eval.coco.CocoDetectionEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.IouType;

/**
 * Native memory of long detection loops, counted exactly: the NDArrays alive between training
 * iterations (with evaluations in between) and between images of an inference pass must not grow. A
 * count does not depend on the allocator or the garbage collector as the RSS does, so any array
 * left in a long-lived manager per step or per image fails these tests.
 */
class DetectionMemoryTest {
  @TempDir Path dir;

  @Test
  void trainingAndValidationKeepTheNumberOfLiveArraysConstant() throws Exception {
    ObjectNode recipe = (ObjectNode) TinyDetectors.json(TinyRecipe.json(7, 100, 5));
    // Validation after iterations 2, 4 and 6 runs the inference path between the steps too.
    ((ObjectNode) recipe.get("train")).put("validate_every", 2);
    Tasks.runner(Tasks.injector(ConfigSource.of("tiny.json", recipe.toString())))
        .train(new RunOptions(dir, false, null, "cpu", false));

    List<Integer> counts = new ArrayList<>();
    for (JsonNode row : MetricsLog.read(dir.resolve("metrics.jsonl"))) {
      if (row.has("ndarrays")) {
        counts.add(row.get("ndarrays").asInt());
      }
    }
    assertThat(counts).hasSize(7);
    // The optimizer's moments exist from the first step on: one per weight, twice.
    assertThat(counts).containsOnly(counts.get(0));
  }

  @Test
  void inferenceOverASplitKeepsNothingPerImage() throws Exception {
    ObjectNode recipe = (ObjectNode) TinyDetectors.json(TinyRecipe.json(1, 1, 5));
    ((ObjectNode) recipe.get("data").get("synth")).put("val_images", 6);
    ConfigSource source = ConfigSource.of("tiny.json", recipe.toString());
    DetectionRecipe r = DetectionRecipe.from(source);
    CocoData data = new CocoData(r.data(), dir, "tiny.json");
    CocoDataset val = data.dataset(r.data().val());
    TwoStageDetector detector = TinyDetectors.factory().build(r.model(), "tiny.json", "model");
    List<Integer> counts = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
        PrefetchLoader loader = data.evalLoader(r.data().val(), "val");
        CocoDetectionEvaluator coco =
            new CocoDetectionEvaluator(
                val,
                List.of(CocoParams.defaults(IouType.BBOX), CocoParams.defaults(IouType.SEGM)),
                Device.cpu())) {
      detector.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      InferenceDriver.run(
          EvalData.ofLoader(loader, DetBatch::images),
          (store, images) -> {
            counts.add(LiveArrays.count());
            return detector.predict(store, images);
          },
          coco,
          new ParameterStore(m, false),
          m);
    }
    assertThat(counts).hasSize(6);
    // Counted as each image's batch arrives: its own arrays plus whatever earlier images left.
    assertThat(counts).containsOnly(counts.get(0));
  }
}

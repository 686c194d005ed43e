package org.mlpvision.detection.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.detection.testing.ResultsFiles;
import org.mlpvision.detection.testing.TinyRecipe;

/**
 * A whole run through the production wiring: training on synthetic COCO-format data with box and
 * mask AP as it goes, then {@code test} of the checkpoint and its COCO results file.
 */
class DetectionRunnerTest {
  @TempDir Path dir;

  private static TaskRunner runner() {
    return Tasks.runner(Tasks.injector(ConfigSource.of("tiny.json", TinyRecipe.json(4, 4, 5))));
  }

  @Test
  void trainsEvaluatesAndTestsToTheSameNumbersThroughTheResultsFile() throws Exception {
    TrainResult r = runner().train(new RunOptions(dir, false, null, "cpu", false));
    assertThat(r.iterations()).isEqualTo(4);
    assertThat(r.validation()).containsKeys("bbox_AP", "bbox_AP50", "segm_AP", "segm_AR100");
    // Per-stage losses and the diagnostics of the step context reach metrics.jsonl.
    List<JsonNode> log = MetricsLog.read(dir.resolve("metrics.jsonl"));
    String all = log.toString();
    for (String key :
        List.of("loss_rpn_cls", "s2.loss_mask", "s0.acc", "s1.num_pos", "rpn.num_neg")) {
      assertThat(all).contains("\"" + key + "\"");
    }

    Path results = dir.resolve("results.json");
    DetectionRunner runner = (DetectionRunner) runner();
    Map<String, Double> tested =
        runner.test(TestOptions.of(r.lastCheckpoint(), "cpu").withResults(results));
    r.validation().forEach((k, v) -> assertThat(tested.get(k)).as(k).isEqualTo(v));
    assertThat(tested.get("iteration")).isEqualTo(4.0);

    // The file, read back as vision eval coco reads it, evaluates to the in-memory numbers.
    CocoDataset gt = CocoReader.read(dir.resolve("coco-shapes/annotations/instances_val2017.json"));
    ResultsFiles.evaluate(results, gt)
        .forEach((k, v) -> assertThat(v).as(k).isEqualTo(tested.get(k)));
  }
}

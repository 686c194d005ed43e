package org.mlpvision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.segmentation.testing.TinyRecipe;

/** A tiny recipe trained and tested end to end through the production wiring. */
class SegmentationRunnerTest {
  @TempDir Path dir;

  private static TaskRunner runner(String json) {
    return Tasks.runner(Tasks.injector(ConfigSource.of("tiny.json", json)));
  }

  private static long count(Path folder, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  @Test
  void trainsEvaluatesPaintsAndTestsInEveryMode() throws Exception {
    TaskRunner runner = runner(TinyRecipe.json(4, 2, 5));
    Path work = dir.resolve("run");
    TrainResult r = runner.train(new RunOptions(work, false, null, "cpu", false));
    assertThat(r.iterations()).isEqualTo(4);
    assertThat(r.validation()).containsOnlyKeys("mIoU", "aAcc", "mAcc");
    assertThat(r.validation().get("aAcc")).isBetween(0.0, 1.0);
    assertThat(count(work.resolve("ade/images/validation"), ".jpg")).isEqualTo(2);
    assertThat(count(work.resolve("predictions"), ".png")).isEqualTo(2);
    List<JsonNode> log = MetricsLog.read(work.resolve("metrics.jsonl"));
    JsonNode first = log.stream().filter(n -> n.has("losses")).findFirst().orElseThrow();
    assertThat(first.get("losses").has("decode.loss_seg")).isTrue();
    assertThat(first.get("losses").has("aux.loss_seg")).isTrue();
    assertThat(first.get("scalars").has("decode.acc_seg")).isTrue();

    Map<String, Double> whole = runner.test(TestOptions.of(r.lastCheckpoint(), "cpu"));
    assertThat(whole.get("aAcc")).isEqualTo(r.validation().get("aAcc"));
    assertThat(whole.get("mIoU")).isEqualTo(r.validation().get("mIoU"));
    assertThat(whole.get("iteration")).isEqualTo(4.0);
    assertThat(whole.keySet())
        .anyMatch(k -> k.startsWith("IoU."))
        .anyMatch(k -> k.startsWith("Acc."));

    Path show = dir.resolve("show");
    Map<String, Double> slide =
        runner.test(new TestOptions(r.lastCheckpoint(), "cpu", "slide", false, show, null));
    assertThat(slide.get("aAcc")).isBetween(0.0, 1.0);
    assertThat(count(show, ".png")).isEqualTo(2);
    Map<String, Double> aug =
        runner.test(new TestOptions(r.lastCheckpoint(), "cpu", null, true, null, null));
    assertThat(aug.get("mIoU")).isBetween(0.0, 1.0);
  }

  @Test
  void aMissingDataSetNamesItsFolder() {
    String json = TinyRecipe.json(2, 2, 5).replace("\"synth\": {", "\"unused\": {");
    assertThatThrownBy(() -> runner(json)).hasMessageContaining("data.unused");
    String real =
        TinyRecipe.json(2, 2, 5)
            .replaceFirst("\"synth\": \\{[^}]*\\},", "")
            .replace("\"root\": \"ade\"", "\"root\": \"" + dir.resolve("nowhere") + "\"");
    assertThatThrownBy(
            () -> runner(real).train(new RunOptions(dir.resolve("w"), false, null, "cpu", false)))
        .hasMessageContaining(dir.resolve("nowhere").toString());
  }
}

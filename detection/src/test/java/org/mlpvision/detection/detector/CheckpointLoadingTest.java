package org.mlpvision.detection.detector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.detection.testing.TinyDetectors;

/**
 * mmdet checkpoints load strictly by state-dict name: a {@code .pth} written by {@code torch.save}
 * in mmdet's layout ({@code meta} with classes and config, {@code state_dict} with BatchNorm's
 * {@code num_batches_tracked}, {@code optimizer}), and a safetensors export of a model.
 */
class CheckpointLoadingTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  @TempDir Path tmp;

  @Test
  void anMmdetPthCheckpointLoadsStrictly() throws Exception {
    Path pth =
        Path.of(
            getClass()
                .getResource("/org/mlpvision/detection/detector/tiny_mmdet_checkpoint.pth")
                .toURI());
    StateDict dict = StateDict.read(pth, m);
    TwoStageDetector d = TinyDetectors.initialised(m, n -> {});
    LoadReport report = WeightLoader.load(d, dict, true, pth.toString());
    assertThat(report.isComplete()).as(report.describe()).isTrue();
    for (Map.Entry<String, NDArray> e : WeightLoader.stateDict(d).tensors().entrySet()) {
      assertThat(e.getValue().toFloatArray())
          .as(e.getKey())
          .containsExactly(dict.get(e.getKey()).toFloatArray());
    }
  }

  @Test
  void aSafetensorsExportLoadsBackStrictly() throws Exception {
    TwoStageDetector a = TinyDetectors.initialised(m, n -> {});
    Path file = tmp.resolve("tiny.safetensors");
    WeightLoader.stateDict(a).writeSafetensors(file);
    TwoStageDetector b = TinyDetectors.initialised(m, n -> {});
    TinyDetectors.fillDeterministically(b);
    LoadReport report = WeightLoader.load(b, StateDict.read(file, m), true, file.toString());
    assertThat(report.isComplete()).isTrue();
    NDArray wa = WeightLoader.stateDict(a).get("roi_head.mask_head.2.upsample.weight");
    NDArray wb = WeightLoader.stateDict(b).get("roi_head.mask_head.2.upsample.weight");
    assertThat(wb.toFloatArray()).containsExactly(wa.toFloatArray());
  }
}

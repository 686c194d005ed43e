package org.mlpvision.cli.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.cli.VisionCommand;
import org.mlpvision.detection.parity.GoldenComparison;
import org.mlpvision.detection.testing.GoldenHeads;

/** {@code vision detection heads} on the public golden cases, checked as compare.py checks. */
class DetectionHeadsCommandTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"cascade_c3_128x160_s7", "cascade_train_c3_128x160_s17"})
  void writesEveryGoldenOutputWithinTolerance(String name) throws Exception {
    Path dir = GoldenHeads.dir().resolve(name);
    Path out = tmp.resolve(name + ".npz");
    int code =
        VisionCommand.commandLine()
            .execute("detection", "heads", "--case", dir.toString(), "--out", out.toString());
    assertThat(code).isZero();
    assertThat(GoldenComparison.compare(GoldenComparison.read(out, m), dir, m)).isEmpty();
  }
}

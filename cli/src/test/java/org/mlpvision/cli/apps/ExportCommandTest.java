package org.mlpvision.cli.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.testing.TinyModels;

class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void exportsAModelDirectoryAndNamesAMissingCheckpoint() throws Exception {
    TinyModels tiny = TinyModels.detection(dir.resolve("tiny"));
    Path out = dir.resolve("exported");
    CliRun run =
        CliRun.run(
            "export",
            "--config",
            tiny.recipe().toString(),
            "--checkpoint",
            tiny.checkpoint().toString(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(out + ": detection model tiny_detection, 4 classes");
    assertThat(ModelDirectory.open(out).metadata().classes())
        .isEqualTo(tiny.model().metadata().classes());

    Path missing = dir.resolve("nowhere.pth");
    CliRun bad =
        CliRun.run(
            "export",
            "--config",
            tiny.recipe().toString(),
            "--checkpoint",
            missing.toString(),
            "--out",
            dir.resolve("bad").toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("vision export: ").contains(missing.toString());
  }
}

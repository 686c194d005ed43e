package org.mlpvision.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.VisionCommand;
import picocli.CommandLine;

class TrainCommandTest {
  private static final Path RECIPE =
      Path.of("..", "configs", "classification", "hire_mlp_narrow_shapes.json");

  private static int run(StringWriter err, String... args) {
    CommandLine cl = VisionCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void aUsedWorkDirIsRefusedBeforeAnyWorkWithoutResumeOrOverwrite(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("metrics.jsonl"), "{\"iter\": 10}\n");
    StringWriter err = new StringWriter();
    int code = run(err, "train", "--config", RECIPE.toString(), "--work-dir", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("work dir " + dir + " is not empty (it holds metrics.jsonl)")
        .contains("--resume continues its run, --overwrite starts a new run in its place");
    assertThat(Files.readString(dir.resolve("metrics.jsonl"))).isEqualTo("{\"iter\": 10}\n");
  }

  @Test
  void resumeAndOverwriteExcludeEachOther(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "train",
            "--config",
            RECIPE.toString(),
            "--work-dir",
            dir.toString(),
            "--resume",
            "--overwrite");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--resume and --overwrite exclude each other");
  }
}

package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Wrong paths and values on the command line get one clear line on stderr (exit 2) that names the
 * option or file and what is wrong with it, before any work starts.
 */
class CliMessagesTest {
  @TempDir Path dir;

  private Path recipe() throws Exception {
    Path f = dir.resolve("recipe.json");
    Files.writeString(f, "{\"task\": \"classification\"}");
    return f;
  }

  @Test
  void workDirThatIsARegularFileIsNamedAsSuch() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun r = CliRun.run("train", "--config", recipe().toString(), "--work-dir", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--work-dir")
        .contains(file.toString())
        .contains("is a file, not a directory");
  }

  @Test
  void directoryGivenAsConfigSaysItIsADirectory() {
    CliRun r = CliRun.run("train", "--config", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(dir.toString())
        .contains("is a directory")
        .doesNotContain("not found");
  }

  @Test
  void directoryGivenAsInputOrWeightsSaysItIsADirectory() throws Exception {
    Path npy = Files.writeString(dir.resolve("x.npy"), "not an array");
    CliRun input =
        CliRun.run(
            "backbone",
            "run",
            "--model",
            "hire_mlp_tiny",
            "--weights",
            npy.toString(),
            "--input",
            dir.toString(),
            "--out",
            dir.resolve("o.npz").toString());
    assertThat(input.exitCode()).isEqualTo(2);
    assertThat(input.err()).contains(dir.toString()).contains("is a directory");
  }

  @Test
  void negativeTorchThreadsAreRefusedWhileParsing() {
    CliRun r = CliRun.run("env", "--threads", "-1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--threads").contains("-1");
  }

  @Test
  void zeroHostThreadsAreRefusedWhileParsing() {
    CliRun r = CliRun.run("bench", "coco-eval", "--threads", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--threads").contains("at least 1").contains("'0'");
  }

  @Test
  void helpSaysWhatZeroThreadsMean() {
    CommandLine cl = VisionCommand.commandLine();
    for (String cmd : new String[] {"env", "backbone", "bench"}) {
      CommandLine sub = cl.getSubcommands().get(cmd);
      if (cmd.equals("backbone")) {
        sub = sub.getSubcommands().get("run");
      } else if (cmd.equals("bench")) {
        sub = sub.getSubcommands().get("backbone");
      }
      String help = String.join(" ", sub.getCommandSpec().findOption("--threads").description());
      assertThat(help).as(cmd).contains("0").contains("engine");
    }
  }

  @Test
  void fileSystemErrorsThatCarryOnlyAPathGetTheirReason() {
    assertThat(ErrorHandler.message(new java.nio.file.FileAlreadyExistsException("w/x")))
        .isEqualTo("w/x: already exists (and is not a directory)");
    assertThat(ErrorHandler.message(new java.nio.file.NoSuchFileException("y")))
        .isEqualTo("y: no such file or directory");
    assertThat(ErrorHandler.message(new java.io.IOException("z: disk full")))
        .isEqualTo("z: disk full");
  }
}

package org.mlpvision.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.VisionCommand;
import org.mlpvision.core.testing.TestImages;
import org.mlpvision.datasets.transform.ImageLimits;
import picocli.CommandLine;

/** {@code vision eval seg} end to end: palette PNGs, labels out of range, the pixel limit. */
class EvalSegCommandTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheLimit() {
    ImageLimits.setMaxPixels(ImageLimits.DEFAULT_MAX_PIXELS);
  }

  private record Run(int exitCode, String out, String err) {}

  /** Runs the command: the report goes to System.out, warnings and errors to picocli's err. */
  private static Run run(String... args) {
    CommandLine cl = VisionCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(oldOut);
    }
  }

  @Test
  void paletteGroundTruthWithAnOutOfRangeLabelIsEvaluatedWithOneWarning() throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    TestImages.palettePng(gt.resolve("a.png"), 8, new int[][] {{0, 1, 9}, {1, 255, 1}});
    TestImages.palettePng(pred.resolve("a.png"), 8, new int[][] {{0, 1, 1}, {0, 0, 1}});
    Run r =
        run(
            "eval",
            "seg",
            "--gt",
            gt.toString(),
            "--pred",
            pred.toString(),
            "--num-classes",
            "2",
            "--device",
            "cpu");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // class 0: I 1, pred 2, label 1 -> IoU 50; class 1: I 2, pred 3, label 3 -> IoU 50.
    assertThat(r.out()).contains("aAcc 75.00  mIoU 50.00  mAcc 83.33");
    assertThat(r.err())
        .containsOnlyOnce("warning: 1 ground-truth pixels")
        .contains(gt.resolve("a.png").toString());
  }

  @Test
  void imagesAboveTwiceTheGivenPixelLimitAreRefusedNamingTheFile() throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    int[][] five = new int[5][5];
    TestImages.palettePng(gt.resolve("a.png"), 8, five);
    TestImages.palettePng(pred.resolve("a.png"), 8, five);
    Run r =
        run(
            "eval",
            "seg",
            "--gt",
            gt.toString(),
            "--pred",
            pred.toString(),
            "--num-classes",
            "2",
            "--max-image-pixels",
            "10");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(gt.resolve("a.png").toString()).contains("5x5 = 25 pixels");
    Run zero =
        run(
            "eval",
            "seg",
            "--gt",
            "g",
            "--pred",
            "p",
            "--num-classes",
            "2",
            "--max-image-pixels",
            "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-image-pixels must be at least 1");
  }
}

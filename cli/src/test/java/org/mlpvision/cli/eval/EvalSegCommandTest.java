package org.mlpvision.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;
import org.mlpvision.core.testing.TestImages;
import org.mlpvision.datasets.transform.ImageLimits;

/** {@code vision eval seg} end to end: palette PNGs, labels out of range, the pixel limit. */
class EvalSegCommandTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheLimit() {
    ImageLimits.setMaxPixels(ImageLimits.DEFAULT_MAX_PIXELS);
  }

  /**
   * The two folders, ground truth {@code gt} and prediction {@code pred}, each with {@code a.png}.
   */
  private Path[] folders(int[][] gtLabels, int[][] predLabels) throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    TestImages.palettePng(gt.resolve("a.png"), 8, gtLabels);
    TestImages.palettePng(pred.resolve("a.png"), 8, predLabels);
    return new Path[] {gt, pred};
  }

  private static CliRun seg(Path[] folders, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "seg",
                "--gt",
                folders[0].toString(),
                "--pred",
                folders[1].toString(),
                "--num-classes",
                "2",
                "--device",
                "cpu"));
    args.addAll(List.of(more));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void paletteGroundTruthWithAnOutOfRangeLabelIsEvaluatedWithOneWarning() throws Exception {
    Path[] f = folders(new int[][] {{0, 1, 9}, {1, 255, 1}}, new int[][] {{0, 1, 1}, {0, 0, 1}});
    CliRun r = seg(f);
    assertThat(r.exitCode()).as(r.err()).isZero();
    // class 0: I 1, pred 2, label 1 -> IoU 50; class 1: I 2, pred 3, label 3 -> IoU 50.
    assertThat(r.out()).contains("aAcc 75.00  mIoU 50.00  mAcc 83.33");
    assertThat(r.err())
        .containsOnlyOnce("warning: 1 ground-truth pixels")
        .contains(f[0].resolve("a.png").toString());
  }

  @Test
  void imagesAboveTwiceTheGivenPixelLimitAreRefusedNamingTheFile() throws Exception {
    Path[] f = folders(new int[5][5], new int[5][5]);
    CliRun r = seg(f, "--max-image-pixels", "10");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(f[0].resolve("a.png").toString()).contains("5x5 = 25 pixels");
    CliRun zero = seg(f, "--max-image-pixels", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-image-pixels must be at least 1");
  }
}

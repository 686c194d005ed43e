package org.mlpvision.cli.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.SemanticPainter;
import org.mlpvision.zoo.testing.TinyModels;
import org.opencv.core.Mat;

/**
 * {@code vision infer} on the tiny UperNet: its label PNGs evaluate ({@code vision eval seg}) to
 * the numbers of {@code vision test}, and each picture is the palette of those labels blended over
 * the image at its original size, with the legend in its top-left corner.
 */
class InferSegmentationTest {
  @TempDir Path dir;

  @Test
  void labelsEvaluateToVisionTestsNumbersAndPicturesPaintThem() throws Exception {
    TinyModels tiny = TinyModels.segmentation(dir.resolve("tiny"));
    Path ade = tiny.workDir().resolve("ade");
    Path testJson = dir.resolve("test.json");
    CliRun test = CliRun.test(tiny.recipe(), tiny.checkpoint(), "--json", testJson.toString());
    assertThat(test.exitCode()).as(test.err()).isZero();
    Path out = dir.resolve("infer");
    CliRun infer = CliRun.infer(tiny.model().path(), ade.resolve("images/validation"), out);
    assertThat(infer.exitCode()).as(infer.err()).isZero();
    Path evalJson = dir.resolve("eval.json");
    CliRun eval =
        CliRun.run(
            "eval",
            "seg",
            "--gt",
            ade.resolve("annotations/validation").toString(),
            "--pred",
            out.resolve("labels").toString(),
            "--num-classes",
            "150",
            "--reduce-zero-label",
            "--json",
            evalJson.toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode tested = ConfigLoader.readTree(testJson);
    JsonNode evaluated = ConfigLoader.readTree(evalJson);
    for (String k : List.of("aAcc", "mIoU", "mAcc")) {
      assertThat(evaluated.get(k).asDouble())
          .as(k)
          .isCloseTo(tested.get(k).asDouble(), within(1e-12));
    }

    List<int[]> palette = tiny.model().metadata().palette();
    List<Path> images;
    try (Stream<Path> s = Files.list(ade.resolve("images/validation"))) {
      images = s.sorted().toList();
    }
    for (Path image : images) {
      String stem = image.getFileName().toString().replace(".jpg", "");
      Mat original = ImageFiles.readBgr(image, "image");
      Mat labels = ImageFiles.readLabels(out.resolve("labels").resolve(stem + ".png"), "labels");
      Mat painted = ImageFiles.readBgr(out.resolve(stem + ".png"), "painted");
      assertThat(painted.size()).isEqualTo(original.size());
      assertThat(labels.size()).isEqualTo(original.size());
      byte[] l = new byte[labels.rows() * labels.cols()];
      labels.get(0, 0, l);
      int[] flat = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        flat[i] = l[i] & 0xff;
      }
      // The same labels painted without a legend: every pixel below the legend rows matches.
      List<SemanticPainter.LegendRow> rows =
          SemanticPainter.paint(original.clone(), flat, palette, tiny.model().metadata().classes());
      assertThat(rows).isNotEmpty();
      SemanticPainter.paint(original, flat, palette, null);
      int below = rows.size() * SemanticPainter.ROW;
      byte[] a = new byte[original.cols() * 3];
      byte[] b = new byte[original.cols() * 3];
      for (int y = below; y < original.rows(); y++) {
        original.get(y, 0, a);
        painted.get(y, 0, b);
        assertThat(b).as("%s row %d", stem, y).isEqualTo(a);
      }
      original.release();
      labels.release();
      painted.release();
    }
  }
}

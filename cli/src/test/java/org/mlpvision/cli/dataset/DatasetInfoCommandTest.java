package org.mlpvision.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;

/**
 * {@code vision dataset info} in-process on tiny files: {@code --skip-invalid} counts and skips
 * missing or undecodable images (without it the first one fails the command, naming the file);
 * boxes are counted as pycocotools reads them.
 */
class DatasetInfoCommandTest {
  @TempDir Path tmp;

  @Test
  void cocoImagesThatAreMissingOrDoNotDecodeAreSkippedAndCounted() throws Exception {
    List<Path> files = CocoShapesWriter.write(new SynthSpec(tmp, 4, 1, 48, 32, 3));
    Path images = tmp.resolve("train2017");
    List<Path> jpgs;
    try (var s = Files.list(images)) {
      jpgs = s.sorted().toList();
    }
    Files.delete(jpgs.get(0));
    Files.writeString(jpgs.get(2), "not a jpeg");
    String[] args = {
      "dataset",
      "info",
      "--format",
      "coco",
      "--ann",
      files.get(0).toString(),
      "--images",
      images.toString(),
      "--json"
    };
    CliRun strict = CliRun.run(args);
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains(jpgs.get(0).toString()).contains("not found");
    CliRun skipping = CliRun.run(append(args, "--skip-invalid"));
    assertThat(skipping.exitCode()).as(skipping.err()).isZero();
    JsonNode r = ConfigLoader.mapper().readTree(skipping.out());
    assertThat(r.get("images_checked").asInt()).isEqualTo(2);
    assertThat(r.get("images_skipped").asInt()).isEqualTo(2);
  }

  @Test
  void adeImagesOrLabelMapsThatDoNotDecodeAreSkippedAndCounted() throws Exception {
    AdeShapesWriter.write(new SynthSpec(tmp, 3, 0, 32, 32, 1));
    Files.writeString(tmp.resolve("images/training/ADE_train_00000002.jpg"), "garbage");
    Files.writeString(tmp.resolve("annotations/training/ADE_train_00000003.png"), "garbage");
    String[] args = {"dataset", "info", "--format", "ade20k", "--root", tmp.toString(), "--json"};
    CliRun strict = CliRun.run(args);
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("ADE_train_00000002.jpg").contains("cannot decode");
    CliRun skipping = CliRun.run(append(args, "--skip-invalid"));
    assertThat(skipping.exitCode()).as(skipping.err()).isZero();
    JsonNode r = ConfigLoader.mapper().readTree(skipping.out());
    assertThat(r.get("images").asInt()).isEqualTo(1);
    assertThat(r.get("skipped").asInt()).isEqualTo(2);
  }

  @Test
  void boxesReachingOutsideTheImageAreCountedAsPycocotoolsReadsThem() throws Exception {
    Path ann = tmp.resolve("ann.json");
    Files.writeString(
        ann,
        """
        {"images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 10}],
         "categories": [{"id": 3, "name": "kite"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 3, "bbox": [-4.5, -2, 10, 6], "area": 60},
           {"id": 2, "image_id": 1, "category_id": 3, "bbox": [15, 6, 9, 7], "area": 63}]}
        """);
    CliRun r = CliRun.run("dataset", "info", "--format", "coco", "--ann", ann.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"annotations\" : 2").contains("\"instances\" : 2");
  }

  private static String[] append(String[] args, String more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = more;
    return out;
  }
}

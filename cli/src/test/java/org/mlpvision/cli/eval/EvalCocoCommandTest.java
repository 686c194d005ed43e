package org.mlpvision.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;

/** {@code vision eval coco} in-process on tiny files. */
class EvalCocoCommandTest {
  @TempDir Path dir;

  /** Two 20x20 images, categories 1 and 2, three objects. */
  private Path groundTruth() throws Exception {
    Path gt = dir.resolve("gt.json");
    Files.writeString(
        gt,
        """
        {"images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 20},
                    {"id": 2, "file_name": "b.jpg", "width": 20, "height": 20}],
         "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100},
           {"id": 2, "image_id": 1, "category_id": 2, "bbox": [10, 10, 8, 8], "area": 64},
           {"id": 3, "image_id": 2, "category_id": 1, "bbox": [2, 2, 6, 12], "area": 72}]}
        """);
    return gt;
  }

  private static final String KNOWN =
      """
      {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 9], "score": 0.9},
      {"image_id": 1, "category_id": 2, "bbox": [11, 10, 8, 8], "score": 0.6},
      {"image_id": 2, "category_id": 1, "bbox": [2, 3, 6, 12], "score": 0.7},
      {"image_id": 2, "category_id": 2, "bbox": [0, 0, 5, 5], "score": 0.8}""";

  /** {@code vision eval coco --gt GT --results RESULTS} with more arguments. */
  private static CliRun evalCoco(Path gt, Path results, String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(
        new String[] {"eval", "coco", "--gt", gt.toString(), "--results", results.toString()},
        0,
        args,
        0,
        6);
    System.arraycopy(more, 0, args, 6, more.length);
    return CliRun.run(args);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Path file) throws Exception {
    return new ObjectMapper().readValue(file.toFile(), Map.class);
  }

  @Test
  void resultsOfCategoriesOutsideTheGroundTruthAreIgnoredWithOneWarning() throws Exception {
    Path gt = groundTruth();
    Path known = dir.resolve("known.json");
    Files.writeString(known, "[" + KNOWN + "]");
    Path mixed = dir.resolve("mixed.json");
    Files.writeString(
        mixed,
        "[{\"image_id\": 1, \"category_id\": 7, \"bbox\": [0, 0, 10, 10], \"score\": 0.99},"
            + KNOWN
            + ",{\"image_id\": 2, \"category_id\": 90, \"bbox\": [2, 2, 6, 12], \"score\": 0.95},"
            + "{\"image_id\": 2, \"category_id\": 7, \"bbox\": [1, 1, 6, 12], \"score\": 0.5}]");
    CliRun a = evalCoco(gt, known, "--json", dir.resolve("a.json").toString());
    CliRun b = evalCoco(gt, mixed, "--json", dir.resolve("b.json").toString());
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    // pycocotools evaluates only the ground truth's categories: the same numbers
    Map<String, Object> expected = json(dir.resolve("a.json"));
    Map<String, Object> got = json(dir.resolve("b.json"));
    for (String key :
        new String[] {
          "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"
        }) {
      assertThat(got.get(key)).as(key).isEqualTo(expected.get(key));
    }
    assertThat(b.err().lines().filter(l -> l.contains("category_id")).count()).isEqualTo(1);
    assertThat(b.err()).contains("3 results").contains("7, 90");
    assertThat(a.err()).doesNotContain("category_id");
  }

  @Test
  void aJsonOutputThatCannotBeWrittenFailsBeforeTheEvaluation() throws Exception {
    Path gt = groundTruth();
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"image_id\": 1,");
    Path folder = Files.createDirectory(dir.resolve("out"));
    CliRun r = evalCoco(gt, broken, "--json", folder.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(folder.toString()).contains("directory");
    assertThat(r.err()).doesNotContain("malformed");
    CliRun missingParent =
        evalCoco(gt, broken, "--json", dir.resolve("no/such/dir/out.json").toString());
    assertThat(missingParent.exitCode()).isEqualTo(2);
    assertThat(missingParent.err()).contains("no/such/dir").doesNotContain("malformed");
  }

  @Test
  void plotDirGetsTheErrorAnalysisPerIouType() throws Exception {
    Path gt = groundTruth();
    Path res = dir.resolve("res.json");
    Files.writeString(res, "[" + KNOWN + "]");
    Path plots = dir.resolve("plots");
    CliRun r =
        evalCoco(
            gt, res, "--plot-dir", plots.toString(), "--json", dir.resolve("out.json").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(plots.resolve("bbox/analysis.json")).isRegularFile();
    assertThat(plots.resolve("bbox/overall-all.png")).isRegularFile();
    assertThat(plots.resolve("bbox/pr-curves.png")).isRegularFile();
    assertThat(plots.resolve("bbox/categories/1-cat.png")).isRegularFile();
    assertThat(json(dir.resolve("out.json"))).containsKey("analysis_seconds");

    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    CliRun bad = evalCoco(gt, dir.resolve("none.json"), "--plot-dir", file.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--plot-dir").contains("not a directory");
  }
}

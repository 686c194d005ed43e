package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.DatasetException;

/** Files evaluated end to end, as {@code vision eval coco} does. */
class CocoFilesTest {
  @TempDir Path dir;

  private CocoSummary evaluate(String gt, String results) throws Exception {
    Files.writeString(dir.resolve("gt.json"), gt);
    Files.writeString(dir.resolve("res.json"), results);
    CocoFiles.Loaded loaded =
        CocoFiles.load(dir.resolve("gt.json"), dir.resolve("res.json"), IouType.BBOX);
    try (CocoEvaluator ev =
        new CocoEvaluator(loaded.truth(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      return CocoFiles.evaluate(ev, loaded.detections());
    }
  }

  @Test
  void groundTruthBoxesReachingOutsideTheImageAreMatchedWithTheirRawCoordinates() throws Exception {
    // Category 1: a box hanging over the top-left corner, found exactly (IoU 1).
    // Category 2: a box past the bottom-right corner; the detection of its visible part has
    // IoU 16/64 with the raw box, below every threshold, as in pycocotools.
    String gt =
        """
        {"images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 20}],
         "categories": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [-4, -4, 8, 8], "area": 64},
           {"id": 2, "image_id": 1, "category_id": 2, "bbox": [16, 16, 8, 8], "area": 64}]}
        """;
    String results =
        """
        [{"image_id": 1, "category_id": 1, "bbox": [-4, -4, 8, 8], "score": 0.9},
         {"image_id": 1, "category_id": 2, "bbox": [16, 16, 4, 4], "score": 0.8}]
        """;
    CocoSummary s = evaluate(gt, results);
    // 1/(1+eps) at every recall: pycocotools' precision of a perfect detection
    assertThat(s.perCategoryAp().get(1)).isCloseTo(1.0, within(1e-15));
    assertThat(s.perCategoryAp().get(2)).isZero();
    assertThat(s.stats()[0]).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void aMissingResultsFileIsNamedInTheError() throws Exception {
    Files.writeString(dir.resolve("gt.json"), ONE_IMAGE);
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> CocoFiles.load(dir.resolve("gt.json"), missing, IouType.BBOX))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("results file not found");
  }

  @Test
  void aBadAnnotationFileIsReportedBeforeAMissingResultsFile() throws Exception {
    // The results file is read while the annotation file is parsed; the annotation file's
    // problem still comes first, as when the two were read one after the other.
    Files.writeString(dir.resolve("gt.json"), "{\"images\": []}");
    assertThatThrownBy(
            () -> CocoFiles.load(dir.resolve("gt.json"), dir.resolve("missing.json"), IouType.BBOX))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("gt.json")
        .hasMessageContaining("categories");
  }

  @Test
  void resultsAreReadAfterTheAnnotationFileSoTheirIdsAreChecked() throws Exception {
    Files.writeString(dir.resolve("gt.json"), ONE_IMAGE);
    Files.writeString(
        dir.resolve("res.json"),
        "[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 1}]");
    assertThatThrownBy(
            () -> CocoFiles.load(dir.resolve("gt.json"), dir.resolve("res.json"), IouType.BBOX))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("res.json")
        .hasMessageContaining("result 0")
        .hasMessageContaining("7 is not an image of the ground truth");
  }

  private static final String ONE_IMAGE =
      """
      {"images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 20}],
       "categories": [{"id": 1, "name": "a"}], "annotations": []}
      """;
}

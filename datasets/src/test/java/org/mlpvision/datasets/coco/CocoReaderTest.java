package org.mlpvision.datasets.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.mask.Rle;

class CocoReaderTest {
  static Path fixture(String name) throws Exception {
    return Path.of(CocoReaderTest.class.getResource("/coco/" + name).toURI());
  }

  static CocoDataset parse(String json, boolean skipInvalid) {
    return CocoReader.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json", skipInvalid);
  }

  /** A valid document with one image (id 1, 4x3) and one category (id 5) around {@code anns}. */
  static String doc(String anns) {
    return "{\"images\":[{\"id\":1,\"file_name\":\"x.jpg\",\"width\":3,\"height\":4}],"
        + "\"categories\":[{\"id\":5,\"name\":\"a\"}],\"annotations\":["
        + anns
        + "]}";
  }

  static String ann(String fields) {
    return "{\"id\":9,\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"area\":1,\"iscrowd\":0,"
        + fields
        + "}";
  }

  @Test
  void readsEveryAnnotationForm() throws Exception {
    CocoDataset d = CocoReader.read(fixture("every-form.json"));
    assertThat(d.images()).extracting(CocoImage::id).containsExactly(10L, 11L, 12L);
    assertThat(d.annotations()).hasSize(6);
    assertThat(d.skipped()).isEmpty();
    CocoImage a = d.image(10);
    CocoImage b = d.image(11);
    assertThat(b.fileName()).isEqualTo("sub/b.jpg");

    CocoAnnotation square = d.annotations().get(0);
    assertThat(square.segmentation()).isInstanceOf(Segmentation.Polygons.class);
    Rle sq = square.segmentation().toRle(a.height(), a.width());
    assertThat(sq.area()).isEqualTo(4);
    assertThat(sq.bbox()).containsExactly(1, 1, 2, 2);

    // Triangle (6 px) unioned with a 2x2 square at (3,3): 10 px.
    assertThat(d.annotations().get(1).segmentation().toRle(6, 6).area()).isEqualTo(10);

    CocoAnnotation crowd = d.annotations().get(2);
    assertThat(crowd.crowd()).isTrue();
    assertThat(crowd.segmentation()).isInstanceOf(Segmentation.CountsRle.class);
    assertThat(crowd.segmentation().toRle(4, 3).counts()).containsExactly(4, 3, 2, 2, 1);

    CocoAnnotation compressed = d.annotations().get(3);
    assertThat(compressed.segmentation()).isInstanceOf(Segmentation.CompressedRle.class);
    assertThat(compressed.segmentation().toRle(4, 3)).isEqualTo(crowd.segmentation().toRle(4, 3));
    assertThat(compressed.area()).isEqualTo(5.0);
  }

  @Test
  void absentAreaIsTheMaskArea() throws Exception {
    CocoAnnotation noArea = CocoReader.read(fixture("every-form.json")).annotations().get(5);
    assertThat(noArea.area()).isEqualTo(4.0);
  }

  @Test
  void categoriesMapToContiguousLabelsInIdOrder() throws Exception {
    CategoryMap map = CocoReader.read(fixture("every-form.json")).categoryMap();
    assertThat(map.size()).isEqualTo(3);
    assertThat(map.label(3)).isZero();
    assertThat(map.label(7)).isEqualTo(1);
    assertThat(map.label(42)).isEqualTo(2);
    assertThat(map.label(8)).isEqualTo(-1);
    assertThat(map.categoryId(2)).isEqualTo(42);
    assertThat(map.category(0).name()).isEqualTo("car");
  }

  @Test
  void mmdetTargetsDropTinyBoxesAndTurnCrowdIntoIgnore() throws Exception {
    CocoDataset d = CocoReader.read(fixture("every-form.json"));
    CocoInstances view = new CocoInstances(d, false, 0);
    InstanceTargets t = view.targets(d.image(11));
    // Annotation 5 (0.5 px wide) is dropped; 3 is crowd; only 4 remains.
    assertThat(t.annotationIds()).containsExactly(4L);
    assertThat(t.labels()).containsExactly(0);
    assertThat(t.boxes()).containsExactly(1f, 0f, 3f, 3f);
    assertThat(t.ignoreBoxes()).containsExactly(0f, 0f, 3f, 4f);
    InstanceTargets first = view.targets(d.image(10));
    assertThat(first.labels()).containsExactly(1, 0, 2);
    assertThat(first.masks()).hasSize(3);
  }

  @Test
  void filtersImagesWithoutAnnotationsAndBelowMinSize() throws Exception {
    CocoDataset d = CocoReader.read(fixture("every-form.json"));
    assertThat(new CocoInstances(d, true, 0).images())
        .extracting(CocoImage::id)
        .containsExactly(10L, 11L);
    assertThat(new CocoInstances(d, false, 5).images())
        .extracting(CocoImage::id)
        .containsExactly(10L, 12L);
  }

  @Test
  void badInputNamesFileItemAndField() {
    assertBad(doc(ann("\"bbox\":[0,0,-1,1]")), "annotation 9", "bbox", "width");
    assertBad(doc(ann("\"bbox\":[-Infinity,0,1,1]")), "annotation 9", "bbox", "x");
    assertBad(doc(ann("\"bbox\":[0,0,NaN,1]")), "annotation 9", "bbox", "NaN");
    assertBad(doc(ann("\"bbox\":[0,0,1]")), "annotation 9", "bbox", "4 numbers");
    assertBad(doc(ann("\"bbox\":\"0,0,1,1\"")), "annotation 9", "bbox", "array");
    assertBad(doc(ann("\"segmentation\":[[0,0,1,1]]")), "annotation 9", "segmentation[0]", "6");
    assertBad(
        doc(ann("\"segmentation\":{\"size\":[4,3],\"counts\":[4,3]}")),
        "annotation 9",
        "segmentation.counts",
        "sum to 7");
    assertBad(
        doc(ann("\"segmentation\":{\"size\":[5,3],\"counts\":[15]}")),
        "annotation 9",
        "segmentation.size",
        "differs");
    assertBad(
        doc("{\"id\":9,\"image_id\":2,\"category_id\":5,\"bbox\":[0,0,1,1]}"),
        "annotation 9",
        "image_id",
        "unknown image 2");
    assertBad(
        doc("{\"id\":9,\"image_id\":1,\"category_id\":6,\"bbox\":[0,0,1,1]}"),
        "annotation 9",
        "category_id",
        "unknown category 6");
    assertBad(
        doc("{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1]}"),
        "annotation at index 0 (no valid id)",
        "id",
        "missing");
    assertBad(doc(ann("\"iscrowd\":2")), "annotation 9", "iscrowd", "0 or 1");
    assertBad(doc(ann("\"area\":\"big\"")), "annotation 9", "area", "number");
    assertBad(doc(ann("\"category_id\":5.5")), "annotation 9", "category_id", "integer");
  }

  @Test
  void boxesReachingOutsideTheImageAreKeptAsWritten() {
    // pycocotools evaluates such boxes with their raw coordinates
    CocoDataset d =
        parse(
            doc(ann("\"bbox\":[-1.5,-2,4,3]") + "," + ann("\"id\":10,\"bbox\":[2,3,5,9]")), false);
    assertThat(d.annotations().get(0).bbox()).containsExactly(-1.5, -2, 4, 3);
    assertThat(d.annotations().get(1).bbox()).containsExactly(2, 3, 5, 9);
  }

  @Test
  void trainingTargetsClipBoxesToTheImageAndDropOnlyThoseLeftEmpty() {
    // image 1 is 3 wide and 4 high
    CocoDataset d =
        parse(
            doc(
                ann("\"bbox\":[-1.5,-2,4,3]")
                    + ","
                    + ann("\"id\":10,\"bbox\":[2,3,5,9]")
                    + ","
                    + ann("\"id\":11,\"bbox\":[3,0,2,2]")
                    + ","
                    + ann("\"id\":12,\"bbox\":[-2,-2,1.5,8]")
                    + ","
                    + ann("\"id\":13,\"iscrowd\":1,\"bbox\":[-1,1,9,9]")),
            false);
    InstanceTargets t = new CocoInstances(d, false, 0).targets(d.image(1));
    // 11 starts at the right edge and 12 ends left of the image: their clipped areas are empty
    assertThat(t.annotationIds()).containsExactly(9L, 10L);
    assertThat(t.boxes()).containsExactly(0f, 0f, 2.5f, 1f, 2f, 3f, 3f, 4f);
    assertThat(t.ignoreBoxes()).containsExactly(0f, 1f, 3f, 4f);
  }

  @Test
  void annotationsFlaggedIgnoreStayOutOfTheTrainingTargets() {
    // mmdet's _parse_ann_info skips them; the data set (and COCOeval) keeps them
    CocoDataset d =
        parse(
            doc(
                ann("\"ignore\":true")
                    + ","
                    + ann("\"id\":10,\"ignore\":0")
                    + ","
                    + ann("\"id\":11,\"ignore\":1")
                    + ","
                    + ann("\"id\":12,\"ignore\":false")),
            false);
    assertThat(d.annotations()).hasSize(4);
    InstanceTargets t = new CocoInstances(d, false, 0).targets(d.image(1));
    assertThat(t.annotationIds()).containsExactly(10L, 12L);
    assertBad(doc(ann("\"ignore\":2")), "annotation 9", "ignore", "true, false, 0 or 1");
  }

  @Test
  void imageFileNamesMustStayInsideTheRoot() {
    for (String name : new String[] {"../x.jpg", "/etc/passwd", "a/../../b.jpg", "C:\\\\x.jpg"}) {
      String json =
          "{\"images\":[{\"id\":3,\"file_name\":\""
              + name
              + "\",\"width\":3,\"height\":4}],\"categories\":[]}";
      assertBad(json, "image 3", "file_name", "escapes");
    }
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> parse("{\"images\":[\n{\"id\":1,}", false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("malformed JSON at line 2");
    assertThatThrownBy(() -> parse("{\"categories\":[]}", false))
        .hasMessageContaining("'images': missing");
  }

  @Test
  void skipInvalidCountsAndKeepsTheRest() {
    String json =
        doc(
            ann("\"bbox\":[0,0,-1,1]")
                + ","
                + ann("\"id\":10")
                + ",{\"id\":11,\"image_id\":7,\"category_id\":5,\"bbox\":[0,0,1,1]}");
    CocoDataset d = parse(json, true);
    assertThat(d.annotations()).extracting(CocoAnnotation::id).containsExactly(10L);
    assertThat(d.skipped()).hasSize(2);
    assertThat(d.skipped().get(0)).contains("annotation 9").contains("'bbox'");
    assertThat(d.skipped().get(1)).contains("annotation 11").contains("unknown image 7");
  }

  private static void assertBad(String json, String item, String field, String problem) {
    assertThatThrownBy(() -> parse(json, false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("test.json: " + item + ": '" + field + "'")
        .hasMessageContaining(problem);
  }

  @Test
  void coordinatesParseToTheSameDoublesAsJava() {
    java.util.Random r = new java.util.Random(8);
    StringBuilder json = new StringBuilder();
    double[] expected = new double[600];
    for (int i = 0; i < expected.length; i++) {
      String text =
          switch (i % 4) {
            case 0 -> String.format("%.2f", r.nextDouble() * 3);
            case 1 -> String.format("%.17g", r.nextDouble() * 3);
            case 2 -> String.format("%.3e", r.nextDouble() * 3);
            default -> Double.toString(r.nextDouble() * 3);
          };
      expected[i] = Double.parseDouble(text);
      json.append(i == 0 ? "" : ",").append(text);
    }
    CocoDataset d = parse(doc(ann("\"segmentation\":[[" + json + "]]")), false);
    double[] got = ((Segmentation.Polygons) d.annotations().get(0).segmentation()).polygon(0);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Double.doubleToRawLongBits(got[i]))
          .isEqualTo(Double.doubleToRawLongBits(expected[i]));
    }
  }
}

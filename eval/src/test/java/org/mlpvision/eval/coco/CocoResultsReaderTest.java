package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;

class CocoResultsReaderTest {
  private static final GroundTruthSet GT =
      GroundTruthSet.builder().addImage(1, 4, 3).addImage(2, 10, 10).addCategory(5).build();

  private static Map<Long, List<Detection>> read(String json, IouType type) {
    return results(json, type).detections();
  }

  private static CocoResults results(String json, IouType type) {
    return CocoResultsReader.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "res.json", GT, type);
  }

  @Test
  void boxResultsGroupPerImageInFileOrderWithBoxAreas() {
    Map<Long, List<Detection>> r =
        read(
            "[{\"image_id\":2,\"category_id\":5,\"bbox\":[1,2,3,4],\"score\":0.5,\"id\":99},"
                + "{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,2,2],\"score\":0.7},"
                + "{\"image_id\":2,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":0.9}]",
            IouType.BBOX);
    assertThat(r.get(2L)).extracting(Detection::score).containsExactly(0.5, 0.9);
    assertThat(r.get(2L).get(0).area()).isEqualTo(12.0);
    assertThat(r.get(1L)).hasSize(1);
  }

  @Test
  void maskOnlyResultsTakeAreaAndBoxFromTheMask() {
    // 4x3 mask rows 010/011/011/000: counts [4,3,2,2,1], string "432OO", area 5, bbox [1,0,2,3]
    Map<Long, List<Detection>> r =
        read(
            "[{\"image_id\":1,\"category_id\":5,\"score\":1,"
                + "\"segmentation\":{\"size\":[4,3],\"counts\":\"432OO\"}}]",
            IouType.SEGM);
    Detection d = r.get(1L).get(0);
    assertThat(d.area()).isEqualTo(5.0);
    assertThat(d.bbox()).containsExactly(1, 0, 2, 3);
    assertThat(d.mask()).isEqualTo(new Rle(4, 3, new int[] {4, 3, 2, 2, 1}));
  }

  @Test
  void segmResultsWithBoxesUseTheBoxAreaAsLoadResDoes() {
    String seg = RleString.encode(new Rle(4, 3, new int[] {4, 3, 2, 2, 1}));
    Map<Long, List<Detection>> r =
        read(
            "[{\"image_id\":1,\"category_id\":5,\"score\":1,\"bbox\":[0,0,3,4],"
                + "\"segmentation\":{\"size\":[4,3],\"counts\":\""
                + seg
                + "\"}},{\"image_id\":1,\"category_id\":5,\"score\":1,\"bbox\":[1,1,1,1]}]",
            IouType.SEGM);
    assertThat(r.get(1L).get(0).area()).isEqualTo(12.0);
    // no segmentation: loadRes invents the box polygon, rasterized at the image size
    assertThat(r.get(1L).get(1).mask().area()).isEqualTo(1);
  }

  @Test
  void resultsOfOtherCategoriesAreLeftOutAndCountedPerCategory() {
    CocoResults r =
        results(
            "[{\"image_id\":1,\"category_id\":6,\"bbox\":[0,0,1,1],\"score\":1},"
                + "{\"image_id\":2,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":0.5},"
                + "{\"image_id\":2,\"category_id\":3,\"bbox\":[0,0,1,1],\"score\":1},"
                + "{\"image_id\":1,\"category_id\":6,\"bbox\":[0,0,1,1],\"score\":1}]",
            IouType.BBOX);
    assertThat(r.count()).isEqualTo(1);
    assertThat(r.detections()).containsOnlyKeys(2L);
    assertThat(r.ignoredByCategory()).containsExactly(entry(3L, 1), entry(6L, 2));
    assertThat(r.ignored()).isEqualTo(3);
  }

  @Test
  void anyFiniteScoreIsAccepted() {
    Map<Long, List<Detection>> r =
        read(
            "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":-3.25},"
                + "{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":-0.0},"
                + "{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1e300}]",
            IouType.BBOX);
    assertThat(r.get(1L)).extracting(Detection::score).containsExactly(-3.25, -0.0, 1e300);
  }

  @Test
  void badResultsNameTheFileTheEntryAndTheField() {
    assertThatThrownBy(() -> read("[]", IouType.BBOX))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("res.json")
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1},"
                        + "{\"image_id\":7,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1}]",
                    IouType.BBOX))
        .hasMessageContaining("res.json: result 1: 'image_id': 7");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":NaN}]",
                    IouType.BBOX))
        .hasMessageContaining("score");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1e999}]",
                    IouType.BBOX))
        .hasMessageContaining("result 0: 'score'")
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1],\"score\":1}]",
                    IouType.BBOX))
        .hasMessageContaining("bbox");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,-1,1],\"score\":1}]",
                    IouType.BBOX))
        .hasMessageContaining("negative width");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"score\":1,"
                        + "\"segmentation\":{\"size\":[4,3],\"counts\":\"43\"}}]",
                    IouType.SEGM))
        .hasMessageContaining("result 0: 'segmentation'");
    assertThatThrownBy(
            () -> read("[{\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1}]", IouType.BBOX))
        .hasMessageContaining("result 0: 'image_id': missing");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1},"
                        + "{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1]},"
                        + "{\"image_id\":3,\"category_id\":5,\"bbox\":[0,0,1,1],\"score\":1}]",
                    IouType.BBOX))
        .hasMessageContaining("result 1: 'score': missing");
    assertThatThrownBy(() -> read("[{\"image_id\":1,", IouType.BBOX))
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{}", IouType.BBOX)).hasMessageContaining("array");
  }
}

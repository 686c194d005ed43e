package org.mlpvision.detection.nms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchedNmsTest {
  @Test
  void keepsTheBestOfOverlappingBoxesInScoreOrder() {
    float[] boxes = {0, 0, 10, 10, 1, 0, 11, 10, 20, 20, 30, 30, 0, 0, 10, 9};
    float[] scores = {0.8f, 0.9f, 0.5f, 0.7f};
    // 1 suppresses 0 (IoU 90/110) and 3 (IoU 81/109); 2 overlaps nothing.
    assertThat(BatchedNms.nms(boxes, scores, null, 0.5, -1)).containsExactly(1, 2);
    assertThat(BatchedNms.nms(boxes, scores, null, 0.95, -1)).containsExactly(1, 0, 3, 2);
    assertThat(BatchedNms.nms(boxes, scores, null, 0.95, 2)).containsExactly(1, 0);
  }

  @Test
  void boxesOfDifferentGroupsNeverSuppressEachOther() {
    float[] boxes = {0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10};
    float[] scores = {0.9f, 0.8f, 0.7f};
    assertThat(BatchedNms.nms(boxes, scores, new int[] {0, 1, 0}, 0.5, -1)).containsExactly(0, 1);
  }

  @Test
  void matchesTorchvisionNms() throws Exception {
    JsonNode root;
    ObjectMapper om = new ObjectMapper();
    try (InputStream in = getClass().getResourceAsStream("torchvision_nms.json")) {
      root = om.readTree(in);
    }
    float[] boxes = om.convertValue(root.get("boxes"), float[].class);
    float[] scores = om.convertValue(root.get("scores"), float[].class);
    Iterator<Map.Entry<String, JsonNode>> it = root.get("keep").fields();
    int cases = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int[] expected = om.convertValue(e.getValue(), int[].class);
      assertThat(BatchedNms.nms(boxes, scores, null, Double.parseDouble(e.getKey()), -1))
          .as("IoU %s", e.getKey())
          .containsExactly(expected);
      cases++;
    }
    assertThat(cases).isEqualTo(3);
  }

  @Test
  void ordersNegativeAndTiedScoresDescendingThenByIndex() {
    assertThat(BatchedNms.orderByScore(new float[] {-1f, 0.5f, -0f, 0.5f, 2f, -3f}))
        .containsExactly(4, 1, 3, 2, 0, 5);
  }

  @Test
  void rejectsMismatchedArrays() {
    assertThatThrownBy(() -> BatchedNms.nms(new float[7], new float[2], null, 0.5, -1))
        .hasMessageContaining("boxes must hold 4 values per score (8), got 7");
    assertThatThrownBy(() -> BatchedNms.nms(new float[8], new float[2], null, 1.5, -1))
        .hasMessageContaining("iouThr");
  }
}

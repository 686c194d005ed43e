package org.mlpvision.detection.nms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
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
  void anIouExactlyAtTheThresholdSuppressesAsMmcvsCpuKernel() {
    // IoU 50/100 = 0.5 exactly.
    float[] boxes = {0, 0, 10, 10, 0, 0, 10, 5};
    assertThat(BatchedNms.nms(boxes, new float[] {0.9f, 0.8f}, null, 0.5, -1)).containsExactly(0);
    assertThat(BatchedNms.nms(boxes, new float[] {0.9f, 0.8f}, null, 0.51, -1))
        .containsExactly(0, 1);
  }

  @Test
  void zeroAreaBoxesNeverSuppressEachOther() {
    // Their IoU is 0/0: mmcv keeps both.
    float[] boxes = {5, 5, 5, 9, 5, 5, 5, 9, 3, 3, 3, 3};
    assertThat(BatchedNms.nms(boxes, new float[] {0.9f, 0.8f, 0.7f}, null, 0.5, -1))
        .containsExactly(0, 1, 2);
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
  void equalsTheTextbookLoopOnClusteredRandomBoxes() {
    Random rng = new Random(17);
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + rng.nextInt(400);
      float[] boxes = new float[4 * n];
      float[] scores = new float[n];
      int[] groups = new int[n];
      for (int i = 0; i < n; i++) {
        // Jittered copies of a few objects, so that suppression chains are long.
        float cx = 20 * rng.nextInt(8) + (float) rng.nextGaussian() * 3;
        float cy = 20 * rng.nextInt(8) + (float) rng.nextGaussian() * 3;
        float half = 4 + rng.nextInt(12);
        boxes[4 * i] = cx - half;
        boxes[4 * i + 1] = cy - half;
        boxes[4 * i + 2] = cx + half;
        boxes[4 * i + 3] = cy + half;
        // Coarse scores make ties common.
        scores[i] = rng.nextInt(20) / 20f;
        groups[i] = rng.nextInt(3);
      }
      double thr = rng.nextDouble();
      int maxKeep = rng.nextBoolean() ? -1 : rng.nextInt(n + 1);
      int[] g = rng.nextBoolean() ? groups : null;
      assertThat(BatchedNms.nms(boxes, scores, g, thr, maxKeep))
          .as("trial %d", trial)
          .containsExactly(textbook(boxes, scores, g, (float) thr, maxKeep));
    }
  }

  /** Greedy NMS as usually written: visit by score, drop every later overlapping box. */
  private static int[] textbook(float[] b, float[] scores, int[] groups, float thr, int maxKeep) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (x, y) ->
            scores[x] != scores[y] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
    boolean[] dead = new boolean[n];
    java.util.List<Integer> keep = new java.util.ArrayList<>();
    for (int a = 0; a < n && (maxKeep < 0 || keep.size() < maxKeep); a++) {
      int i = order[a];
      if (dead[i]) {
        continue;
      }
      keep.add(i);
      for (int c = a + 1; c < n; c++) {
        int j = order[c];
        if (groups != null && groups[i] != groups[j]) {
          continue;
        }
        float w = Math.max(0, Math.min(b[4 * i + 2], b[4 * j + 2]) - Math.max(b[4 * i], b[4 * j]));
        float h =
            Math.max(
                0, Math.min(b[4 * i + 3], b[4 * j + 3]) - Math.max(b[4 * i + 1], b[4 * j + 1]));
        float inter = w * h;
        float ai = (b[4 * i + 2] - b[4 * i]) * (b[4 * i + 3] - b[4 * i + 1]);
        float aj = (b[4 * j + 2] - b[4 * j]) * (b[4 * j + 3] - b[4 * j + 1]);
        if (inter > 0 && inter / (ai + aj - inter) >= thr) {
          dead[j] = true;
        }
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void rejectsMismatchedArrays() {
    assertThatThrownBy(() -> BatchedNms.nms(new float[7], new float[2], null, 0.5, -1))
        .hasMessageContaining("boxes must hold 4 values per score (8), got 7");
    assertThatThrownBy(() -> BatchedNms.nms(new float[8], new float[2], null, 1.5, -1))
        .hasMessageContaining("iouThr");
  }
}

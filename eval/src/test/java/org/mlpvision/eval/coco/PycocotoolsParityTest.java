package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;

/**
 * Files in the real formats (polygons, crowd counts, compressed RLEs, results with and without
 * boxes) against the 12 numbers pycocotools 2.0.11 printed for them (numpy 2.4; see
 * resources/coco/make_fixture.py). The numbers must be identical, not merely close.
 */
class PycocotoolsParityTest {
  private static Path resource(String name) throws Exception {
    return Path.of(PycocotoolsParityTest.class.getResource("/coco/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bbox", "bbox_mmdet_limits", "bbox_small_limits", "segm", "segm_mmdet"})
  void statsAreBitIdenticalToPycocotools(String key) throws Exception {
    JsonNode expected = ConfigLoader.mapper().readTree(resource("expected.json").toFile()).get(key);
    IouType type = IouType.parse(expected.get("iou_type").asText());
    int[] maxDets = new int[3];
    for (int i = 0; i < 3; i++) {
      maxDets[i] = expected.get("max_dets").get(i).asInt();
    }
    CocoDataset ds = CocoReader.read(resource("gt.json"));
    GroundTruthSet gt = GroundTruthSet.fromCoco(ds, type);
    Map<Long, List<Detection>> res =
        CocoResultsReader.read(resource(expected.get("results").asText()), gt, type).detections();
    try (CocoEvaluator ev = new CocoEvaluator(gt, new CocoParams(type, maxDets, 2), Device.cpu())) {
      res.forEach(ev::add);
      double[] stats = ev.evaluate().stats();
      for (int i = 0; i < 12; i++) {
        assertThat(stats[i])
            .as("%s stat %d", key, i)
            .isEqualTo(expected.get("stats").get(i).asDouble());
      }
    }
  }
}

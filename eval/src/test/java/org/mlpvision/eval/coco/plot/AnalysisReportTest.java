package org.mlpvision.eval.coco.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.eval.coco.CocoAnalysis;
import org.mlpvision.eval.coco.CocoAnalyzer;
import org.mlpvision.eval.coco.CocoEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoSummary;
import org.mlpvision.eval.coco.Detection;
import org.mlpvision.eval.coco.GroundTruthObject;
import org.mlpvision.eval.coco.GroundTruthSet;
import org.mlpvision.eval.coco.IouType;

class AnalysisReportTest {
  @TempDir Path dir;

  @Test
  void writesEveryPlotAtItsSizeAndTheNumbersAsJson() throws Exception {
    // two 100x100 images; medium-sized objects only, so small and large have no plots
    GroundTruthSet.Builder b = GroundTruthSet.builder().addImage(1, 100, 100).addImage(2, 100, 100);
    b.addCategory(1).addCategory(2);
    b.addObject(new GroundTruthObject(1, 1, 1, new double[] {0, 0, 40, 40}, 1600, false, null));
    b.addObject(new GroundTruthObject(2, 1, 2, new double[] {50, 0, 40, 40}, 1600, false, null));
    b.addObject(new GroundTruthObject(3, 2, 1, new double[] {10, 10, 50, 40}, 2000, false, null));
    GroundTruthSet gt = b.build();
    List<CocoCategory> cats =
        List.of(new CocoCategory(1, "cat", "animal"), new CocoCategory(2, "dog / wolf", "animal"));
    List<Detection> first =
        List.of(
            Detection.box(1, new double[] {50, 0, 40, 40}, .95),
            Detection.box(2, new double[] {50, 2, 40, 40}, .9),
            Detection.box(1, new double[] {0, 0, 40, 30}, .8));
    List<Detection> second = List.of(Detection.box(1, new double[] {12, 10, 50, 40}, .7));
    CocoSummary summary;
    CocoAnalysis analysis;
    try (CocoEvaluator ev = new CocoEvaluator(gt, CocoParams.defaults(IouType.BBOX), Device.cpu());
        CocoAnalyzer az = new CocoAnalyzer(gt, cats, IouType.BBOX, 2)) {
      ev.add(1, first);
      ev.add(2, second);
      az.add(1, first);
      az.add(2, second);
      summary = ev.evaluate();
      analysis = az.analyze();
    }
    List<Path> files = AnalysisReport.write(analysis, summary, dir);
    assertThat(files)
        .containsExactlyInAnyOrder(
            dir.resolve("analysis.json"),
            dir.resolve("overall-all.png"),
            dir.resolve("overall-medium.png"),
            dir.resolve("categories/1-cat.png"),
            dir.resolve("categories/2-dog_wolf.png"),
            dir.resolve("pr-curves.png"));
    for (Path f : files) {
      if (f.toString().endsWith(".png")) {
        BufferedImage image = ImageIO.read(f.toFile());
        assertThat(image.getWidth()).as(f.toString()).isEqualTo(AnalysisReport.WIDTH);
        assertThat(image.getHeight()).as(f.toString()).isEqualTo(AnalysisReport.HEIGHT);
      }
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("analysis.json").toFile());
    JsonNode overallAuc = json.get("overall").get("all").get("auc");
    assertThat(overallAuc.get("C75").asDouble())
        .isEqualTo(CocoAnalysis.auc(analysis.overall("C75", 0)));
    assertThat(overallAuc.get("C75").asDouble()).isCloseTo(summary.stats()[2], within(1e-12));
    assertThat(overallAuc.get("C50").asDouble()).isCloseTo(summary.stats()[1], within(1e-12));
    assertThat(json.get("overall").get("small").isNull()).isTrue();
    assertThat(json.get("categories").get("2").get("name").asText()).isEqualTo("dog / wolf");
    // the ten PR curves: areas AP50 and AP75, and their mean is AP
    JsonNode pr = json.get("pr_curves");
    assertThat(pr.get("auc").get(0).asDouble()).isCloseTo(summary.stats()[1], within(1e-12));
    assertThat(pr.get("auc").get(5).asDouble()).isCloseTo(summary.stats()[2], within(1e-12));
    double mean = 0;
    for (JsonNode v : pr.get("auc")) {
      mean += v.asDouble() / 10;
    }
    assertThat(mean).isCloseTo(summary.stats()[0], within(1e-12));
    assertThat(pr.get("precision").get(0)).hasSize(CocoParams.RECALL_THRESHOLDS.length);
  }
}

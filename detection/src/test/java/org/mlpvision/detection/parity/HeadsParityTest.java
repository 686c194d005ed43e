package org.mlpvision.detection.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.google.inject.Guice;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.detection.DetectionModule;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.testing.GoldenHeads;

/** The public golden cases of mmdetection 2.11's Cascade Mask R-CNN, within compare.py's bounds. */
class HeadsParityTest {
  @AutoClose NDManager manager = NDManager.newBaseManager();

  private final DetectorFactory factory =
      Guice.createInjector(new DetectionModule()).getInstance(DetectorFactory.class);

  @Test
  void testForwardMatchesMmdetOnEveryOutput() throws Exception {
    assertPasses(GoldenHeads.testCase());
  }

  @Test
  void trainingLossesCountsAndGradientsMatchMmdet() throws Exception {
    assertPasses(GoldenHeads.trainCase());
  }

  private void assertPasses(Path dir) throws Exception {
    HeadsParity.Result r = HeadsParity.run(HeadsCase.read(dir, manager), factory, manager);
    assertThat(r.load().isComplete()).as(r.load().describe()).isTrue();
    assertThat(GoldenComparison.compare(r.outputs(), dir, manager)).isEmpty();
  }
}

package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlpvision.datasets.transform.TransformTestSupport.bytes;
import static org.mlpvision.datasets.transform.TransformTestSupport.gradient;
import static org.mlpvision.datasets.transform.TransformTestSupport.gray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The random choices of the ADE20K training pipeline: which draws each step makes, in which order,
 * and what they do, pinned with a scripted generator; and the whole pipeline reproducible by seed.
 */
class AdeTrainPipelineTest {
  /** A w x h sample whose left half is class 1 and right half class 2. */
  private static Sample halves(int w, int h) {
    Sample s = new Sample("h", gradient(w, h));
    byte[] labels = new byte[w * h];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % w < w / 2 ? 1 : 2);
    }
    s.setLabelMap(gray(w, h, labels));
    return s;
  }

  @Test
  void theResizeRatioIsOneUniformDrawOverTheRange() {
    // u = 0.5 -> r = 0.5 + 0.5 * 1.5 = 1.25 -> scale (2560, 640); a 120x90 image gets
    // f = min(2560/120, 640/90) = 7.11 -> int(120 f + 0.5) x int(90 f + 0.5) = 853 x 640.
    ScriptedRandom rnd = new ScriptedRandom().then(0.5);
    try (Sample s = halves(120, 90)) {
      AdePipelineConfig.defaults().train().steps().get(0).apply(s, rnd);
      assertThat(s.width()).isEqualTo(853);
      assertThat(s.height()).isEqualTo(640);
      assertThat(s.labelMap().cols()).isEqualTo(853);
    }
    assertThat(rnd.calls()).containsExactly("nextDouble");
  }

  @Test
  void theCropIsRedrawnUntilNoClassCoversThreeQuartersOfIt() {
    // 8x4 halves, crop 4x4: x = 0 is all class 1, x = 4 all class 2, x = 2 half and half.
    ScriptedRandom rnd = new ScriptedRandom().then(0, 0, 0, 4, 0, 2);
    try (Sample s = halves(8, 4)) {
      new RandomCrop(4, 4, 0.75, 255).apply(s, rnd);
      assertThat(s.meta().cropX()).isEqualTo(2);
      assertThat(bytes(s.labelMap()))
          .containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2);
    }
    // Offsets are drawn y first, then x, each uniform over [0, margin].
    assertThat(rnd.calls())
        .containsExactly(
            "nextInt(1)", "nextInt(5)", "nextInt(1)", "nextInt(5)", "nextInt(1)", "nextInt(5)");
  }

  @Test
  void afterTenRedrawsTheLastDrawIsKeptEvenIfUnbalanced() {
    ScriptedRandom rnd = new ScriptedRandom();
    for (int i = 0; i < 11; i++) {
      rnd.then(0, i == 10 ? 4 : 0);
    }
    try (Sample s = halves(8, 4)) {
      new RandomCrop(4, 4, 0.75, 255).apply(s, rnd);
      assertThat(s.meta().cropX()).isEqualTo(4);
    }
    assertThat(rnd.calls()).hasSize(22);
    assertThat(rnd.exhausted()).isTrue();
  }

  @Test
  void ignoredPixelsDoNotCountTowardsTheClassShares() {
    // Class 1 on 2 pixels and 255 elsewhere: one class only, so the crop is redrawn.
    byte[] labels = new byte[16];
    Arrays.fill(labels, (byte) 255);
    labels[0] = 1;
    labels[5] = 2;
    ScriptedRandom rnd = new ScriptedRandom().then(0, 0);
    try (Sample s = new Sample("i", gradient(4, 4))) {
      s.setLabelMap(gray(4, 4, labels));
      new RandomCrop(4, 4, 0.75, 255).apply(s, rnd);
    }
    // Classes 1 and 2 at 1 pixel each: share 0.5 < 0.75, accepted at once despite 14 ignored.
    assertThat(rnd.calls()).hasSize(2);
  }

  @Test
  void flipIsOneDrawBelowTheProbability() {
    try (Sample s = halves(8, 4)) {
      new RandomFlip(0.5).apply(s, new ScriptedRandom().then(0.49));
      assertThat(s.meta().flipped()).isTrue();
      assertThat(bytes(s.labelMap())[0]).isEqualTo((byte) 2);
      new RandomFlip(0.5).apply(s, new ScriptedRandom().then(0.5));
      assertThat(s.meta().flipped()).isTrue();
    }
  }

  private static int[] distort(int b, int g, int r, ScriptedRandom rnd) {
    OpenCvRuntime.ensureLoaded();
    Mat img = new Mat(1, 1, CvType.CV_8UC3);
    img.put(0, 0, new byte[] {(byte) b, (byte) g, (byte) r});
    try (Sample s = new Sample("p", img)) {
      new PhotoMetricDistortion().apply(s, rnd);
      byte[] px = bytes(s.image());
      return new int[] {px[0] & 0xff, px[1] & 0xff, px[2] & 0xff};
    }
  }

  /** mmseg's {@code convert}: float multiply-add, clip to [0, 255], truncate. */
  private static int[] scaled(int[] bgr, double alpha, double beta) {
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) {
      out[c] = (int) Math.max(0, Math.min(255, (float) (bgr[c] * alpha + beta)));
    }
    return out;
  }

  /** OpenCV BGR -> HSV, S scaled as mmseg does, HSV -> BGR. */
  private static int[] saturated(int[] bgr, double alpha) {
    OpenCvRuntime.ensureLoaded();
    Mat m = new Mat(1, 1, CvType.CV_8UC3);
    m.put(0, 0, new byte[] {(byte) bgr[0], (byte) bgr[1], (byte) bgr[2]});
    Mat hsv = new Mat();
    org.opencv.imgproc.Imgproc.cvtColor(m, hsv, org.opencv.imgproc.Imgproc.COLOR_BGR2HSV);
    byte[] v = bytes(hsv);
    v[1] = (byte) scaled(new int[] {v[1] & 0xff, 0, 0}, alpha, 0)[0];
    hsv.put(0, 0, v);
    org.opencv.imgproc.Imgproc.cvtColor(hsv, m, org.opencv.imgproc.Imgproc.COLOR_HSV2BGR);
    byte[] o = bytes(m);
    return new int[] {o[0] & 0xff, o[1] & 0xff, o[2] & 0xff};
  }

  @Test
  void brightnessComesFirstAndClipsBeforeContrast() {
    // Grey 250, brightness +10 (u = 42/64) then contrast x0.5 (u = 0): min(260, 255) * 0.5 = 127,
    // not 250 * 0.5 + 10 = 135.
    ScriptedRandom rnd = new ScriptedRandom().then(true, 42 / 64.0, true, true, 0.0, false, false);
    assertThat(distort(250, 250, 250, rnd)).containsExactly(127, 127, 127);
    assertThat(rnd.calls())
        .containsExactly(
            "nextBoolean",
            "nextDouble",
            "nextBoolean",
            "nextBoolean",
            "nextDouble",
            "nextBoolean",
            "nextBoolean");
  }

  @Test
  void theModeCoinPutsContrastBeforeOrAfterSaturation() {
    int[] px = {200, 100, 50};
    // Mode coin true: contrast x1.4 (u = 0.9) right after brightness, then saturation x0.5.
    ScriptedRandom first = new ScriptedRandom().then(false, true, true, 0.9, true, 0.0, false);
    int[] contrastFirst = saturated(scaled(px, 1.4, 0), 0.5);
    assertThat(distort(200, 100, 50, first)).containsExactly(contrastFirst);
    // Mode coin false: saturation x0.5, then contrast x1.4 last.
    ScriptedRandom last = new ScriptedRandom().then(false, false, true, 0.0, false, true, 0.9);
    int[] contrastLast = scaled(saturated(px, 0.5), 1.4, 0);
    assertThat(distort(200, 100, 50, last)).containsExactly(contrastLast);
    assertThat(contrastFirst).as("the two orders differ on this pixel").isNotEqualTo(contrastLast);
    assertThat(first.exhausted() && last.exhausted()).isTrue();
  }

  @Test
  void saturationAndHueDrawTheirFactorsBeforeEitherIsApplied() {
    // No brightness, contrast last but skipped; saturation x1 and hue +0 keep a grey pixel grey.
    ScriptedRandom rnd = new ScriptedRandom().then(false, false, true, 0.5, true, 18, false);
    assertThat(distort(100, 100, 100, rnd)).containsExactly(100, 100, 100);
    assertThat(rnd.calls())
        .containsExactly(
            "nextBoolean",
            "nextBoolean",
            "nextBoolean",
            "nextDouble",
            "nextBoolean",
            "nextInt(36)",
            "nextBoolean");
  }

  private static List<Object> run(long seed) {
    try (Sample s = halves(96, 64)) {
      AdePipelineConfig cfg =
          new AdePipelineConfig(List.of(128, 64), null, List.of(48, 48), null, null, null);
      cfg.train().apply(s, new Random(seed));
      float[] px = new float[48 * 48 * 3];
      s.image().get(0, 0, px);
      return List.of(s.meta(), Arrays.hashCode(px), Arrays.hashCode(bytes(s.labelMap())));
    }
  }

  @Test
  void theWholePipelineIsReproducibleBySeed() {
    assertThat(run(7)).isEqualTo(run(7));
    Set<List<Object>> outcomes = new HashSet<>();
    List<Long> seeds = new ArrayList<>();
    for (long seed = 0; seed < 8; seed++) {
      outcomes.add(run(seed));
      seeds.add(seed);
    }
    assertThat(outcomes).as("distinct outcomes of seeds %s", seeds).hasSizeGreaterThan(6);
  }

  @Test
  void theDefaultsAreMmsegsAde20kValues() {
    AdePipelineConfig d = AdePipelineConfig.defaults();
    assertThat(d.imgScale()).containsExactly(2048, 512);
    assertThat(d.ratioRange()).containsExactly(0.5, 2.0);
    assertThat(d.cropSize()).containsExactly(512, 512);
    assertThat(d.catMaxRatio()).isEqualTo(0.75);
    assertThat(d.flipProb()).isEqualTo(0.5);
    assertThat(d.train().steps())
        .extracting(t -> t.getClass().getSimpleName())
        .containsExactly(
            "Resize", "RandomCrop", "RandomFlip", "PhotoMetricDistortion", "Normalize", "Pad");
  }
}

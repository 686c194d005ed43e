package org.mlpvision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.segmentation.inference.TestCfg;
import org.mlpvision.segmentation.testing.TinyUperNet;

class EncoderDecoderTest {
  @AutoClose private final NDManager m = NDManager.newBaseManager();
  private final ParameterStore ps = new ParameterStore(m, false);

  private EncoderDecoder model(TestCfg test) {
    EncoderDecoder model = TinyUperNet.config(test).build();
    model.initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
    return model;
  }

  private static ImageMeta meta(int oriH, int oriW, int h, int w, boolean flipped) {
    return new ImageMeta(
        "t", oriH, oriW, h, w, h, w, (double) w / oriW, (double) h / oriH, flipped, 0, 0);
  }

  private ImageList images(int h, int w, ImageMeta... metas) {
    Engine.getInstance().setRandomSeed(3);
    return new ImageList(m.randomNormal(new Shape(metas.length, 3, h, w)), List.of(metas));
  }

  @Test
  void stateDictNamesAreMmsegs() {
    Map<String, Parameter> names = ParameterNames.of(model(TestCfg.whole()));
    assertThat(names)
        .containsKeys(
            "backbone.norm3.weight",
            "decode_head.conv_seg.weight",
            "decode_head.conv_seg.bias",
            "decode_head.psp_modules.0.1.conv.weight",
            "decode_head.psp_modules.3.1.bn.running_var",
            "decode_head.bottleneck.conv.weight",
            "decode_head.lateral_convs.2.conv.weight",
            "decode_head.fpn_convs.0.bn.weight",
            "decode_head.fpn_bottleneck.bn.weight",
            "auxiliary_head.convs.0.bn.weight",
            "auxiliary_head.conv_seg.weight");
    assertThat(names.keySet().stream().filter(k -> k.startsWith("decode_head.lateral_convs.")))
        .noneMatch(k -> k.startsWith("decode_head.lateral_convs.3"));
    assertThat(names).doesNotContainKeys("decode_head.fpn_convs.3.conv.weight");
    assertThat(names.keySet())
        .allMatch(
            k ->
                k.startsWith("backbone.")
                    || k.startsWith("decode_head.")
                    || k.startsWith("auxiliary_head."));
  }

  @Test
  void everyParameterReceivesAGradientAndAccuraciesAreScalarsNotLosses() {
    EncoderDecoder model = model(TestCfg.whole());
    ImageList batch = images(64, 64, meta(64, 64, 64, 64, false), meta(64, 64, 64, 64, false));
    NDArray labels = m.randomInteger(0, TinyUperNet.CLASSES, new Shape(2, 64, 64), DataType.INT64);
    labels.set(m.randomUniform(0, 1, new Shape(2, 64, 64)).lt(0.2), 255);
    FixedStepContext step = new FixedStepContext(0, new Random(0));
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossTerms terms = model.losses(ps, batch, labels, step);
      assertThat(terms.terms()).containsOnlyKeys("decode.loss_seg", "aux.loss_seg");
      gc.backward(terms.total());
    }
    assertThat(step.scalars()).containsOnlyKeys("decode.acc_seg", "aux.acc_seg");
    for (Map.Entry<String, Parameter> e : ParameterNames.of(model).entrySet()) {
      if (e.getValue().requiresGradient()) {
        NDArray g = e.getValue().getArray().getGradient();
        assertThat(g.abs().sum().getFloat()).as(e.getKey()).isGreaterThan(0f);
      }
    }
  }

  @Test
  void slideOnAnImageSmallerThanTheCropEqualsWholeInference() {
    EncoderDecoder whole = model(TestCfg.whole());
    EncoderDecoder slide = whole.withTestCfg(TestCfg.slide(64, 96, 32, 48));
    ImageList img = images(40, 56, meta(40, 56, 40, 56, false));
    NDArray a = whole.originalLogits(ps, img).get(0);
    NDArray b = slide.originalLogits(ps, img).get(0);
    assertThat(b.getShape()).isEqualTo(new Shape(1, TinyUperNet.CLASSES, 40, 56));
    assertThat(b.sub(a).abs().max().getFloat()).isLessThan(1e-5f);
  }

  @Test
  void slideWithDisjointWindowsTilesTheWindowsPredictions() {
    EncoderDecoder slide = model(TestCfg.slide(32, 32, 32, 32));
    ImageList img = images(64, 32, meta(64, 32, 64, 32, false));
    NDArray out = slide.originalLogits(ps, img).get(0);
    NDArray top = slide.encodeDecode(ps, img.tensor().get(":, :, 0:32, :"));
    NDArray bottom = slide.encodeDecode(ps, img.tensor().get(":, :, 32:64, :"));
    assertThat(out.get(":, :, 0:32, :").sub(top).abs().max().getFloat()).isLessThan(1e-5f);
    assertThat(out.get(":, :, 32:64, :").sub(bottom).abs().max().getFloat()).isLessThan(1e-5f);
  }

  @Test
  void predictionsComeAtTheOriginalSizeAndFlippedViewsAreFlippedBack() {
    EncoderDecoder model = model(TestCfg.whole());
    ImageList plain = images(48, 64, meta(95, 130, 48, 64, false));
    ImageList flipped = new ImageList(plain.tensor(), List.of(meta(95, 130, 48, 64, true)));
    SemanticMap a = model.predict(ps, plain, true).get(0);
    SemanticMap b = model.predict(ps, flipped, true).get(0);
    assertThat(a.labels().getShape()).isEqualTo(new Shape(95, 130));
    assertThat(a.probabilities().getShape()).isEqualTo(new Shape(TinyUperNet.CLASSES, 95, 130));
    assertThat(b.labels().flip(1).eq(a.labels()).all().getBoolean()).isTrue();
  }

  @Test
  void batchedImagesArePredictedFromTheirOwnRegion() {
    EncoderDecoder model = model(TestCfg.whole());
    // The second image fills only 32x40 of the padded 48x64 batch.
    ImageList batch = images(48, 64, meta(48, 64, 48, 64, false), meta(64, 80, 32, 40, false));
    List<SemanticMap> out = model.predict(ps, batch);
    assertThat(out.get(0).labels().getShape()).isEqualTo(new Shape(48, 64));
    assertThat(out.get(1).labels().getShape()).isEqualTo(new Shape(64, 80));
  }

  @Test
  void augTestOfOneViewIsThePrediction() {
    EncoderDecoder model = model(TestCfg.whole());
    ImageList img = images(48, 64, meta(48, 64, 48, 64, false));
    SemanticMap single = model.predict(ps, img, true).get(0);
    ImageList flip = new ImageList(img.tensor().flip(3), List.of(meta(48, 64, 48, 64, true)));
    SemanticMap aug = model.predictAugmented(ps, List.of(img));
    assertThat(aug.probabilities().sub(single.probabilities()).abs().max().getFloat())
        .isLessThan(1e-6f);
    SemanticMap two = model.predictAugmented(ps, List.of(img, flip));
    NDArray expected =
        single.probabilities().add(model.predict(ps, flip, true).get(0).probabilities()).div(2);
    assertThat(two.probabilities().sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
    assertThat(two.labels().eq(expected.argMax(0)).all().getBoolean()).isTrue();
  }

  @Test
  void croppedImagesAndMismatchedLabelsAreRejected() {
    EncoderDecoder model = model(TestCfg.whole());
    ImageMeta cropped = new ImageMeta("c", 64, 64, 32, 32, 32, 32, 1, 1, false, 8, 0);
    assertThatThrownBy(() -> model.predict(ps, images(32, 32, cropped)))
        .hasMessageContaining("cropped");
    ImageList img = images(32, 32, meta(32, 32, 32, 32, false));
    NDArray labels = m.zeros(new Shape(1, 30, 32), DataType.INT64);
    assertThatThrownBy(() -> model.losses(ps, img, labels, new FixedStepContext(0, new Random(0))))
        .hasMessageContaining("labels must be (N, H, W)");
  }
}

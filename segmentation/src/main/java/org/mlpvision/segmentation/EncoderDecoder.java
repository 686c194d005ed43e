package org.mlpvision.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.nn.Layer;
import org.mlpvision.segmentation.heads.DecodeHead;
import org.mlpvision.segmentation.heads.SegmentationLoss;
import org.mlpvision.segmentation.inference.SlideInference;
import org.mlpvision.segmentation.inference.TestCfg;
import org.mlpvision.segmentation.inference.Window;

/**
 * mmseg's {@code EncoderDecoder}: a {@link Backbone} ({@code backbone}), a decode head ({@code
 * decode_head}) and an optional auxiliary head ({@code auxiliary_head}) that only adds a training
 * loss.
 *
 * <p>Training: both heads' losses ({@code decode.loss_seg}, {@code aux.loss_seg}, already weighted)
 * are the loss terms; their accuracies go to the step's scalars ({@code decode.acc_seg}, {@code
 * aux.acc_seg}).
 *
 * <p>Inference per image, as {@code simple_test} with {@code rescale=True}: {@code whole} runs the
 * batch at once, resizes the decode logits to the input size, takes the image's {@code img_shape}
 * region and resizes it to {@code ori_shape} (two resizes, as mmseg); {@code slide} runs windows of
 * the image region and averages them ({@link SlideInference}) before the resize to {@code
 * ori_shape}. A flipped view is flipped back. {@link #predictAugmented} averages the softmax of
 * several views (mmseg's {@code aug_test}).
 */
public final class EncoderDecoder extends Layer implements Segmentor {
  private final Backbone backbone;
  private final DecodeHead decodeHead;
  private final DecodeHead auxiliaryHead;
  private final TestCfg testCfg;

  /**
   * @param backbone the feature extractor
   * @param decodeHead the head that predicts
   * @param auxiliaryHead a head that only adds a loss in training, or null
   * @param testCfg the inference mode
   */
  public EncoderDecoder(
      Backbone backbone, DecodeHead decodeHead, DecodeHead auxiliaryHead, TestCfg testCfg) {
    if (auxiliaryHead != null && auxiliaryHead.numClasses() != decodeHead.numClasses()) {
      throw new IllegalArgumentException(
          "the auxiliary head has "
              + auxiliaryHead.numClasses()
              + " classes but the decode head "
              + decodeHead.numClasses());
    }
    this.backbone = addChildBlock("backbone", backbone);
    this.decodeHead = addChildBlock("decode_head", decodeHead);
    this.auxiliaryHead =
        auxiliaryHead == null ? null : addChildBlock("auxiliary_head", auxiliaryHead);
    this.testCfg = testCfg;
  }

  @Override
  public int numClasses() {
    return decodeHead.numClasses();
  }

  /** The backbone. */
  public Backbone backbone() {
    return backbone;
  }

  /** The decode head. */
  public DecodeHead decodeHead() {
    return decodeHead;
  }

  /** The auxiliary head, or null. */
  public DecodeHead auxiliaryHead() {
    return auxiliaryHead;
  }

  /** The inference mode. */
  public TestCfg testCfg() {
    return testCfg;
  }

  /** The same model (shared blocks and parameters) with another inference mode. */
  public EncoderDecoder withTestCfg(TestCfg cfg) {
    return new EncoderDecoder(backbone, decodeHead, auxiliaryHead, cfg);
  }

  /**
   * Convolution and linear multiply-accumulates of one forward on one {@code h × w} image: backbone
   * and decode head, plus the auxiliary head when {@code training}.
   */
  public long macs(long h, long w, boolean training) {
    List<long[]> sizes = backbone.outputSizes(h, w);
    long macs = backbone.macs(h, w) + decodeHead.macs(sizes);
    return training && auxiliaryHead != null ? macs + auxiliaryHead.macs(sizes) : macs;
  }

  private boolean alignCorners() {
    return decodeHead.settings().alignCorners();
  }

  @Override
  public LossTerms losses(ParameterStore ps, ImageList images, NDArray labels, StepContext step) {
    Shape ls = labels.getShape();
    if (ls.dimension() != 3
        || ls.get(0) != images.size()
        || ls.get(1) != images.height()
        || ls.get(2) != images.width()) {
      throw new IllegalArgumentException(
          "labels must be (N, H, W) at the batch size "
              + images.tensor().getShape()
              + ", got "
              + ls);
    }
    return headLosses(ps, backbone.extract(ps, images.tensor(), true), labels, step);
  }

  /**
   * The training losses of both heads on given backbone features (training mode): what {@link
   * #losses} computes after the backbone.
   *
   * @param labels {@code (N, H, W)} classes at the input size, the ignore index where unlabelled
   */
  public LossTerms headLosses(
      ParameterStore ps, FeatureMaps features, NDArray labels, StepContext step) {
    Map<String, NDArray> terms = new LinkedHashMap<>();
    addLoss(terms, "decode", decodeHead, ps, features, labels, step);
    if (auxiliaryHead != null) {
      addLoss(terms, "aux", auxiliaryHead, ps, features, labels, step);
    }
    return new LossTerms(terms);
  }

  private static void addLoss(
      Map<String, NDArray> terms,
      String prefix,
      DecodeHead head,
      ParameterStore ps,
      FeatureMaps features,
      NDArray labels,
      StepContext step) {
    SegmentationLoss l = head.loss(head.logits(ps, features, true), labels);
    terms.put(prefix + ".loss_seg", l.loss());
    step.scalar(prefix + ".acc_seg", l.accuracy().getDouble());
  }

  /** Raw decode-head logits on backbone features. */
  public NDArray decodeLogits(ParameterStore ps, FeatureMaps features, boolean training) {
    return decodeHead.logits(ps, features, training);
  }

  /** Raw auxiliary-head logits on backbone features; the model must have that head. */
  public NDArray auxiliaryLogits(ParameterStore ps, FeatureMaps features, boolean training) {
    if (auxiliaryHead == null) {
      throw new IllegalStateException("this segmentor has no auxiliary head");
    }
    return auxiliaryHead.logits(ps, features, training);
  }

  /** Whether an auxiliary head is present. */
  public boolean hasAuxiliaryHead() {
    return auxiliaryHead != null;
  }

  /**
   * mmseg's {@code encode_decode} in inference: decode logits resized bilinearly to the size of
   * {@code images (N, 3, H, W)}.
   */
  public NDArray encodeDecode(ParameterStore ps, NDArray images) {
    NDArray logits = decodeLogits(ps, backbone.extract(ps, images, false), false);
    return Resize.bilinear(
        logits, images.getShape().get(2), images.getShape().get(3), alignCorners());
  }

  @Override
  public List<SemanticMap> predict(ParameterStore ps, ImageList images) {
    return predict(ps, images, false);
  }

  /**
   * The prediction of every image at its original size.
   *
   * @param withProbabilities also return the softmax probabilities {@code (K, H, W)}
   */
  public List<SemanticMap> predict(ParameterStore ps, ImageList images, boolean withProbabilities) {
    List<SemanticMap> out = new ArrayList<>(images.size());
    for (NDArray logits : originalLogits(ps, images)) {
      NDArray labels = logits.argMax(1).squeeze(0);
      out.add(new SemanticMap(labels, withProbabilities ? logits.softmax(1).squeeze(0) : null));
    }
    return out;
  }

  /**
   * mmseg's {@code aug_test}: the softmax at the original size of every view of one image (other
   * scales, flipped copies), averaged, then the argmax.
   *
   * @param views one-image lists of the same original image
   */
  public SemanticMap predictAugmented(ParameterStore ps, List<ImageList> views) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("aug-test needs at least one view");
    }
    NDManager manager = views.get(0).tensor().getManager();
    NDArray sum = null;
    for (ImageList view : views) {
      if (view.size() != 1) {
        throw new IllegalArgumentException(
            "each aug-test view holds one image, got " + view.size());
      }
      try (NDManager scope = manager.newSubManager()) {
        // Every temporary of this view lands in its scope; the input returns to its owner.
        view.tensor().tempAttach(scope);
        NDArray p = originalLogits(ps, view).get(0).softmax(1);
        if (sum == null) {
          sum = p;
          sum.attach(manager);
        } else if (!sum.getShape().equals(p.getShape())) {
          throw new IllegalArgumentException(
              "aug-test views of different original sizes: "
                  + sum.getShape()
                  + ", "
                  + p.getShape());
        } else {
          sum.addi(p);
        }
      }
    }
    NDArray mean = sum.div(views.size()).squeeze(0);
    return new SemanticMap(mean.argMax(0), mean);
  }

  /**
   * The logits of every image at its original size with its flip undone, before the softmax
   * (mmseg's {@code inference} with {@code rescale=True}): {@code (1, K, ori_h, ori_w)} each.
   */
  public List<NDArray> originalLogits(ParameterStore ps, ImageList images) {
    NDArray tensor = images.tensor();
    NDArray whole = testCfg.isSlide() ? null : encodeDecode(ps, tensor);
    List<NDArray> out = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      ImageMeta m = images.metas().get(i);
      if (m.cropX() != 0 || m.cropY() != 0) {
        throw new IllegalArgumentException(
            "image "
                + m.id()
                + " was cropped; inference maps back resized and flipped images only");
      }
      NDIndex region = new NDIndex("{}:{}, :, :{}, :{}", i, i + 1, m.imgH(), m.imgW());
      NDArray logits =
          whole != null ? whole.get(region) : slide(ps, tensor.get(region), tensor.getManager());
      NDArray ori = Resize.bilinear(logits, m.oriH(), m.oriW(), alignCorners());
      out.add(m.flipped() ? ori.flip(3) : ori);
    }
    return out;
  }

  /** Sliding-window logits of {@code (1, 3, H, W)} at its size. */
  private NDArray slide(ParameterStore ps, NDArray image, NDManager manager) {
    int h = (int) image.getShape().get(2);
    int w = (int) image.getShape().get(3);
    List<Integer> size = testCfg.cropSize();
    List<Integer> stride = testCfg.stride();
    List<Window> windows =
        Window.grid(h, w, size.get(0), size.get(1), stride.get(0), stride.get(1));
    return SlideInference.stitch(
        windows,
        h,
        w,
        (win, scope) -> {
          NDArray crop =
              image.get(new NDIndex(":, :, {}:{}, {}:{}", win.y1(), win.y2(), win.x1(), win.x2()));
          crop.attach(scope);
          return encodeDecode(ps, crop);
        },
        manager);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray images = inputs.singletonOrThrow();
    NDArray logits = decodeLogits(ps, backbone.extract(ps, images, training), training);
    return new NDList(
        Resize.bilinear(
            logits, images.getShape().get(2), images.getShape().get(3), alignCorners()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), numClasses(), s.get(2), s.get(3))};
  }
}

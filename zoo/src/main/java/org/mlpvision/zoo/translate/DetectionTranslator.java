package org.mlpvision.zoo.translate;

import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Mask;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.zoo.InstanceArrays;

/**
 * Images to {@link DetectedObjects}: the detector's detections at or above a score threshold, by
 * descending score, each with its class name and score. A box is a DJL {@link Rectangle} in
 * coordinates relative to the original image ({@code x1 / width}, ...); with a mask head it is a
 * {@link Mask} over the same rectangle holding the pasted 0/1 mask of the whole image ({@code
 * isFullImageMask()}, {@code getProbDist()[y][x]} for pixel {@code (x, y)}), exactly the mask the
 * COCO results file encodes.
 */
public final class DetectionTranslator extends ImageTranslator<DetectedObjects> {
  private final List<String> classes;
  private final boolean masks;
  private final double threshold;

  /**
   * @param batcher the model's preprocessing
   * @param classes class names by label
   * @param masks whether the model has a mask head
   * @param threshold least score kept
   */
  public DetectionTranslator(
      ImageBatcher batcher, List<String> classes, boolean masks, double threshold) {
    super(batcher);
    this.classes = List.copyOf(classes);
    this.masks = masks;
    this.threshold = threshold;
  }

  @Override
  public List<DetectedObjects> batchProcessOutput(TranslatorContext ctx, NDList list) {
    List<DetectedObjects> out = new ArrayList<>();
    for (InstanceArrays a : arrays(ctx, list, masks)) {
      int w = a.width();
      int h = a.height();
      float[] boxes = a.boxes();
      List<String> names = new ArrayList<>();
      List<Double> probs = new ArrayList<>();
      List<BoundingBox> shapes = new ArrayList<>();
      for (int k = 0; k < a.size(); k++) {
        if (a.scores()[k] < threshold) {
          continue;
        }
        double x = (double) boxes[4 * k] / w;
        double y = (double) boxes[4 * k + 1] / h;
        double bw = (double) boxes[4 * k + 2] / w - x;
        double bh = (double) boxes[4 * k + 3] / h - y;
        names.add(classes.get((int) a.labels()[k]));
        probs.add((double) a.scores()[k]);
        shapes.add(
            a.masks() == null
                ? new Rectangle(x, y, bw, bh)
                : new Mask(x, y, bw, bh, plane(a.masks(), k, h, w), true));
      }
      out.add(new DetectedObjects(names, probs, shapes));
    }
    return out;
  }

  /**
   * The task block's detections of each image of a batch (boxes, scores, labels and, with a mask
   * head, the pasted masks: {@code 3} or {@code 4} arrays per image), copied to the host.
   *
   * @param masks whether the model has a mask head
   */
  public static List<InstanceArrays> arrays(TranslatorContext ctx, NDList list, boolean masks) {
    List<ImageMeta> metas = ImageBatcher.metas(ctx);
    int per = masks ? 4 : 3;
    List<InstanceArrays> out = new ArrayList<>(metas.size());
    for (int i = 0; i < metas.size(); i++) {
      ImageMeta m = metas.get(i);
      out.add(
          new InstanceArrays(
              m.oriH(),
              m.oriW(),
              list.get(per * i).toFloatArray(),
              list.get(per * i + 1).toFloatArray(),
              list.get(per * i + 2).toLongArray(),
              masks ? list.get(per * i + 3).toByteArray() : null));
    }
    return out;
  }

  private static float[][] plane(byte[] bitmaps, int k, int h, int w) {
    float[][] p = new float[h][w];
    int base = k * h * w;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        p[y][x] = bitmaps[base + y * w + x] != 0 ? 1f : 0f;
      }
    }
    return p;
  }
}

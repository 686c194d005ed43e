package org.mlpvision.zoo;

import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Mask;
import ai.djl.modality.cv.output.Rectangle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The detections of one image as plain arrays in original-image pixels, as COCO results files and
 * the painters take them: the inverse of what {@link
 * org.mlpvision.zoo.translate.DetectionTranslator} makes of the detector's output.
 *
 * @param height the image height
 * @param width the image width
 * @param boxes {@code n x 4} xyxy boxes, row-major
 * @param scores {@code n} scores
 * @param labels {@code n} labels (indices into the model's classes)
 * @param masks {@code n x height x width} 0/1 bytes, or null when the detections have no masks
 */
public record InstanceArrays(
    int height, int width, float[] boxes, float[] scores, long[] labels, byte[] masks) {
  /** Number of detections. */
  public int size() {
    return scores.length;
  }

  /**
   * Converts the detections of one {@code width × height} image.
   *
   * @param classes the model's class names, by label
   * @throws IllegalArgumentException when a class name is not one of {@code classes}, or a mask is
   *     not a full-image mask of this size
   */
  public static InstanceArrays of(
      DetectedObjects detections, List<String> classes, int width, int height) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    List<DetectedObjects.DetectedObject> items = detections.items();
    int n = items.size();
    float[] boxes = new float[4 * n];
    float[] scores = new float[n];
    long[] labels = new long[n];
    boolean withMasks = n > 0 && items.get(0).getBoundingBox() instanceof Mask;
    byte[] masks = withMasks ? new byte[n * height * width] : null;
    for (int k = 0; k < n; k++) {
      DetectedObjects.DetectedObject d = items.get(k);
      Integer label = index.get(d.getClassName());
      if (label == null) {
        throw new IllegalArgumentException(
            "class '" + d.getClassName() + "' is not one of the model's " + classes);
      }
      BoundingBox shape = d.getBoundingBox();
      Rectangle r = shape.getBounds();
      boxes[4 * k] = (float) (r.getX() * width);
      boxes[4 * k + 1] = (float) (r.getY() * height);
      boxes[4 * k + 2] = (float) ((r.getX() + r.getWidth()) * width);
      boxes[4 * k + 3] = (float) ((r.getY() + r.getHeight()) * height);
      scores[k] = (float) d.getProbability();
      labels[k] = label;
      if (withMasks) {
        copyMask(shape, masks, k, height, width);
      }
    }
    return new InstanceArrays(height, width, boxes, scores, labels, masks);
  }

  private static void copyMask(BoundingBox shape, byte[] masks, int k, int height, int width) {
    if (!(shape instanceof Mask m) || !m.isFullImageMask()) {
      throw new IllegalArgumentException("detection " + k + " has no full-image mask");
    }
    float[][] p = m.getProbDist();
    if (p.length != height || (height > 0 && p[0].length != width)) {
      throw new IllegalArgumentException(
          "the mask of detection "
              + k
              + " is "
              + p.length
              + "x"
              + (p.length == 0 ? 0 : p[0].length)
              + ", the image "
              + height
              + "x"
              + width);
    }
    int base = k * height * width;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        masks[base + y * width + x] = p[y][x] >= 0.5f ? (byte) 1 : 0;
      }
    }
  }
}

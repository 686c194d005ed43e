package org.mlpvision.datasets.transform;

/**
 * What the transforms did to one image, so predictions can be mapped back (mmdet's {@code
 * img_metas}): sizes are {@code height, width}; {@code scaleW/scaleH} are new/old size per axis of
 * the last resize chain (products when resized twice); {@code cropX/cropY} the top-left of a crop
 * in resized coordinates.
 *
 * @param id the source image id or file stem
 * @param oriH original height
 * @param oriW original width
 * @param imgH height after resize and crop, before padding ({@code img_shape})
 * @param imgW width after resize and crop, before padding
 * @param padH height after padding ({@code pad_shape})
 * @param padW width after padding
 * @param scaleW horizontal scale factor (new/old)
 * @param scaleH vertical scale factor
 * @param flipped horizontally flipped
 * @param cropX crop offset x
 * @param cropY crop offset y
 */
public record ImageMeta(
    String id,
    int oriH,
    int oriW,
    int imgH,
    int imgW,
    int padH,
    int padW,
    double scaleW,
    double scaleH,
    boolean flipped,
    int cropX,
    int cropY) {

  /** The meta of a freshly loaded {@code w x h} image. */
  public static ImageMeta loaded(String id, int h, int w) {
    return new ImageMeta(id, h, w, h, w, h, w, 1, 1, false, 0, 0);
  }

  ImageMeta resized(int h, int w, double sw, double sh) {
    return new ImageMeta(
        id, oriH, oriW, h, w, h, w, scaleW * sw, scaleH * sh, flipped, cropX, cropY);
  }

  ImageMeta flippedMeta() {
    return new ImageMeta(
        id, oriH, oriW, imgH, imgW, padH, padW, scaleW, scaleH, !flipped, cropX, cropY);
  }

  ImageMeta cropped(int x, int y, int h, int w) {
    return new ImageMeta(id, oriH, oriW, h, w, h, w, scaleW, scaleH, flipped, cropX + x, cropY + y);
  }

  ImageMeta padded(int h, int w) {
    return new ImageMeta(id, oriH, oriW, imgH, imgW, h, w, scaleW, scaleH, flipped, cropX, cropY);
  }

  /**
   * Maps {@code n x 4} xyxy boxes predicted on the transformed image back to the original image, as
   * mmdet's test path does: undo the flip (within {@code img_shape}), add the crop offset, divide
   * by the scale factors and clip to the original size. Returns a new array.
   */
  public float[] boxesToOriginal(float[] boxes) {
    float[] out = new float[boxes.length];
    for (int i = 0; i + 3 < boxes.length; i += 4) {
      double x1 = boxes[i];
      double x2 = boxes[i + 2];
      if (flipped) {
        double t = imgW - x2;
        x2 = imgW - x1;
        x1 = t;
      }
      out[i] = clip((x1 + cropX) / scaleW, oriW);
      out[i + 1] = clip((boxes[i + 1] + cropY) / scaleH, oriH);
      out[i + 2] = clip((x2 + cropX) / scaleW, oriW);
      out[i + 3] = clip((boxes[i + 3] + cropY) / scaleH, oriH);
    }
    return out;
  }

  private static float clip(double v, int max) {
    return (float) Math.max(0, Math.min(max, v));
  }
}

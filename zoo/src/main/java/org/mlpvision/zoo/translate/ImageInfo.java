package org.mlpvision.zoo.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.transform.ImageMeta;

/**
 * The image metas of a batch as one {@code (N, 11)} float64 array, so that they travel with the
 * images through a DJL block's {@code NDList} (Caffe2's {@code im_info}): per image {@code ori_h,
 * ori_w, img_h, img_w, pad_h, pad_w, scale_w, scale_h, flipped, crop_x, crop_y}. Image ids do not
 * travel; decoded metas are numbered by batch position.
 */
public final class ImageInfo {
  /** Values per image. */
  public static final int WIDTH = 11;

  /** The name of the array in a block's input list. */
  public static final String NAME = "image_info";

  private ImageInfo() {}

  /** The metas as an {@code (N, 11)} array in {@code manager}. */
  public static NDArray encode(List<ImageMeta> metas, NDManager manager) {
    double[] v = new double[metas.size() * WIDTH];
    for (int i = 0; i < metas.size(); i++) {
      ImageMeta m = metas.get(i);
      double[] row = {
        m.oriH(),
        m.oriW(),
        m.imgH(),
        m.imgW(),
        m.padH(),
        m.padW(),
        m.scaleW(),
        m.scaleH(),
        m.flipped() ? 1 : 0,
        m.cropX(),
        m.cropY()
      };
      System.arraycopy(row, 0, v, i * WIDTH, WIDTH);
    }
    NDArray a = manager.create(v, new Shape(metas.size(), WIDTH));
    a.setName(NAME);
    return a;
  }

  /** The metas of an {@code (N, 11)} array, with ids {@code "0".."N-1"}. */
  public static List<ImageMeta> decode(NDArray info) {
    Shape s = info.getShape();
    if (s.dimension() != 2 || s.get(1) != WIDTH) {
      throw new IllegalArgumentException("image info must be (N, " + WIDTH + "), got " + s);
    }
    double[] v = info.toType(DataType.FLOAT64, false).toDoubleArray();
    List<ImageMeta> out = new ArrayList<>();
    for (int i = 0; i < s.get(0); i++) {
      int o = i * WIDTH;
      out.add(
          new ImageMeta(
              Integer.toString(i),
              (int) v[o],
              (int) v[o + 1],
              (int) v[o + 2],
              (int) v[o + 3],
              (int) v[o + 4],
              (int) v[o + 5],
              v[o + 6],
              v[o + 7],
              v[o + 8] != 0,
              (int) v[o + 9],
              (int) v[o + 10]));
    }
    return out;
  }
}

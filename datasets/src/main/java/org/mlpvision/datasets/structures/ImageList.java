package org.mlpvision.datasets.structures;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.mlpvision.datasets.transform.ImageMeta;

/**
 * A batch of images as the models take it (torchvision's {@code ImageList}, mmdet's {@code img}
 * plus {@code img_metas}): one zero-padded {@code (N, 3, H, W)} float tensor and, per image, what
 * the pipeline did to it ({@code ori_shape}, {@code img_shape}, {@code pad_shape}, scale factors,
 * flip), so that predictions can be mapped back to the original image.
 *
 * @param tensor {@code (N, 3, H, W)} float, every image at the top-left of its slot
 * @param metas one meta per image, in batch order
 */
public record ImageList(NDArray tensor, List<ImageMeta> metas) {
  /** Checks that the metas match the batch. */
  public ImageList {
    metas = List.copyOf(metas);
    if (tensor.getShape().dimension() != 4 || tensor.getShape().get(0) != metas.size()) {
      throw new IllegalArgumentException(
          "an image list needs an (N,3,H,W) tensor and N metas, got "
              + tensor.getShape()
              + " and "
              + metas.size()
              + " metas");
    }
  }

  /** Number of images. */
  public int size() {
    return metas.size();
  }

  /** Padded batch height. */
  public long height() {
    return tensor.getShape().get(2);
  }

  /** Padded batch width. */
  public long width() {
    return tensor.getShape().get(3);
  }
}

package org.mlpvision.zoo.translate;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.loader.HostBatch;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.datasets.transform.Sample;
import org.mlpvision.datasets.transform.Transform;
import org.mlpvision.zoo.VisionImages;

/**
 * The preprocessing every translator shares: each image through the model's test pipeline (as the
 * data loader runs it for {@code vision test}), then one batch padded at the bottom and right to a
 * common size, as {@code [images (N, 3, H, W), image_info (N, 11)]}. The metas are also kept in the
 * translator context for the outputs.
 */
public final class ImageBatcher {
  /** The context attachment holding the batch's {@code List<ImageMeta>}. */
  public static final String METAS = "mlpvision.metas";

  private final Transform pipeline;
  private final int sizeDivisor;

  /**
   * @param pipeline the test pipeline (no random steps)
   * @param sizeDivisor the multiple the batch is padded to
   */
  public ImageBatcher(Transform pipeline, int sizeDivisor) {
    this.pipeline = pipeline;
    this.sizeDivisor = sizeDivisor;
  }

  /** The batch of {@code images} in the context's manager. */
  public NDList batch(TranslatorContext ctx, List<Image> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to predict");
    }
    List<Sample> samples = new ArrayList<>(images.size());
    try {
      for (Image image : images) {
        Sample s = new Sample(Integer.toString(samples.size()), VisionImages.toBgr(image));
        samples.add(s);
        // A test pipeline makes no random choice; the generator only satisfies the interface.
        if (!pipeline.apply(s, new Random(0))) {
          throw new IllegalArgumentException(
              "the test pipeline dropped image " + (samples.size() - 1));
        }
      }
      HostBatch host = HostBatch.collate(samples, sizeDivisor);
      List<ImageMeta> metas = host.metas();
      ctx.setAttachment(METAS, metas);
      NDManager manager = ctx.getNDManager();
      NDArray tensor =
          manager.create(
              FloatBuffer.wrap(host.images()),
              new Shape(host.size(), 3, host.height(), host.width()));
      tensor.setName("images");
      return new NDList(tensor, ImageInfo.encode(metas, manager));
    } finally {
      samples.forEach(Sample::close);
    }
  }

  /** The metas {@link #batch} kept in {@code ctx}. */
  @SuppressWarnings("unchecked")
  public static List<ImageMeta> metas(TranslatorContext ctx) {
    return (List<ImageMeta>) ctx.getAttachment(METAS);
  }
}

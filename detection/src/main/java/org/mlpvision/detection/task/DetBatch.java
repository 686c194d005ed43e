package org.mlpvision.detection.task;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.loader.Batch;
import org.mlpvision.datasets.loader.HostBatch;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;

/**
 * A detection training batch on the device: the images with their metas and one ground truth per
 * image (boxes, labels, masks at the batch's padded size).
 *
 * @param images the padded images and their metas
 * @param targets one entry per image
 */
public record DetBatch(ImageList images, List<GtInstances> targets) {
  /** A collated host batch copied into {@code scope}. */
  public static DetBatch of(HostBatch host, NDManager scope) {
    Batch b = host.toDevice(scope);
    List<GtInstances> targets = new ArrayList<>();
    for (int i = 0; i < b.metas().size(); i++) {
      targets.add(
          new GtInstances(
              b.boxes().get(i), b.labels().get(i), b.masks() == null ? null : b.masks().get(i)));
    }
    return new DetBatch(new ImageList(b.images(), b.metas()), targets);
  }

  /** The images of a collated host batch, copied into {@code scope} (inference). */
  public static ImageList images(HostBatch host, NDManager scope) {
    Batch b = host.toDevice(scope);
    return new ImageList(b.images(), b.metas());
  }
}

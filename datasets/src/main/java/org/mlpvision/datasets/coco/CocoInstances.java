package org.mlpvision.datasets.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mmdet-style training view of a {@link CocoDataset} ({@code mmdet/datasets/coco.py}): images
 * optionally filtered as {@code _filter_imgs} does, and per-image targets as {@code
 * _parse_ann_info} builds them.
 */
public final class CocoInstances {
  private final CocoDataset dataset;
  private final List<CocoImage> images;

  /**
   * @param filterEmptyGt drop images with no annotation of a known category (crowd ones count, as
   *     in mmdet 2.11)
   * @param minSize drop images whose shorter side is below this (0 keeps all)
   */
  public CocoInstances(CocoDataset dataset, boolean filterEmptyGt, int minSize) {
    this.dataset = dataset;
    Set<Long> withAnnotations = new HashSet<>();
    for (CocoAnnotation a : dataset.annotations()) {
      withAnnotations.add(a.imageId());
    }
    List<CocoImage> kept = new ArrayList<>();
    for (CocoImage im : dataset.images()) {
      if (filterEmptyGt && !withAnnotations.contains(im.id())) {
        continue;
      }
      if (Math.min(im.width(), im.height()) < minSize) {
        continue;
      }
      kept.add(im);
    }
    this.images = List.copyOf(kept);
  }

  /** The underlying file. */
  public CocoDataset dataset() {
    return dataset;
  }

  /** The images kept by the filters, in file order. */
  public List<CocoImage> images() {
    return images;
  }

  /**
   * Targets of {@code image}, by mmdet's rules: an annotation is left out when it is flagged {@code
   * ignore}, its box clipped to the image is empty, {@code area <= 0}, {@code w < 1} or {@code h <
   * 1} (the file's size), or its category is unknown; crowd annotations become ignore boxes. Boxes
   * are clipped to the image, as mmdet's {@code Resize} does with {@code bbox_clip_border=True} (so
   * every pipeline, with or without a resize, gets the same boxes).
   */
  public InstanceTargets targets(CocoImage image) {
    CategoryMap map = dataset.categoryMap();
    List<CocoAnnotation> anns = dataset.annotationsOf(image.id());
    float[] boxes = new float[anns.size() * 4];
    int[] labels = new int[anns.size()];
    long[] ids = new long[anns.size()];
    List<Segmentation> masks = new ArrayList<>();
    float[] ignore = new float[anns.size() * 4];
    int n = 0;
    int k = 0;
    for (CocoAnnotation a : anns) {
      double[] b = a.bbox();
      double x1 = Math.max(b[0], 0);
      double y1 = Math.max(b[1], 0);
      double x2 = Math.min(b[0] + b[2], image.width());
      double y2 = Math.min(b[1] + b[3], image.height());
      double interW = Math.max(0, x2 - x1);
      double interH = Math.max(0, y2 - y1);
      int label = map.label(a.categoryId());
      if (a.ignore()
          || interW * interH == 0
          || a.area() <= 0
          || b[2] < 1
          || b[3] < 1
          || label < 0) {
        continue;
      }
      float[] into = a.crowd() ? ignore : boxes;
      int row = a.crowd() ? k++ : n;
      into[row * 4] = (float) x1;
      into[row * 4 + 1] = (float) y1;
      into[row * 4 + 2] = (float) x2;
      into[row * 4 + 3] = (float) y2;
      if (!a.crowd()) {
        labels[n] = label;
        ids[n] = a.id();
        masks.add(a.segmentation());
        n++;
      }
    }
    return new InstanceTargets(
        Arrays.copyOf(boxes, n * 4),
        Arrays.copyOf(labels, n),
        Collections.unmodifiableList(masks),
        Arrays.copyOf(ignore, k * 4),
        Arrays.copyOf(ids, n));
  }
}

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
   * Targets of {@code image}. An annotation is left out when it is flagged {@code ignore} (not
   * represented here), has no overlap with the image, has {@code area <= 0}, {@code w < 1} or
   * {@code h < 1}, or an unknown category; crowd annotations become ignore boxes.
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
      double interW = Math.max(0, Math.min(b[0] + b[2], image.width()) - Math.max(b[0], 0));
      double interH = Math.max(0, Math.min(b[1] + b[3], image.height()) - Math.max(b[1], 0));
      int label = map.label(a.categoryId());
      if (interW * interH == 0 || a.area() <= 0 || b[2] < 1 || b[3] < 1 || label < 0) {
        continue;
      }
      double[] xyxy = a.xyxy();
      if (a.crowd()) {
        for (int j = 0; j < 4; j++) {
          ignore[k * 4 + j] = (float) xyxy[j];
        }
        k++;
      } else {
        for (int j = 0; j < 4; j++) {
          boxes[n * 4 + j] = (float) xyxy[j];
        }
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

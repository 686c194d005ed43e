package org.mlpvision.datasets.coco;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed, cross-checked COCO instances file: images, categories and annotations with their
 * original fields, an index of annotations per image, the contiguous {@link CategoryMap}, and the
 * items skipped as invalid (empty unless read with {@code skipInvalid}).
 */
public final class CocoDataset {
  private final String source;
  private final List<CocoImage> images;
  private final List<CocoCategory> categories;
  private final List<CocoAnnotation> annotations;
  private final List<String> skipped;
  private final Map<Long, CocoImage> imagesById = new HashMap<>();
  private final Map<Long, List<CocoAnnotation>> byImage = new HashMap<>();
  private final CategoryMap categoryMap;

  CocoDataset(
      String source,
      List<CocoImage> images,
      List<CocoCategory> categories,
      List<CocoAnnotation> annotations,
      List<String> skipped) {
    this.source = source;
    this.images = List.copyOf(images);
    this.categories = List.copyOf(categories);
    this.annotations = Collections.unmodifiableList(new ArrayList<>(annotations));
    this.skipped = List.copyOf(skipped);
    for (CocoImage im : images) {
      imagesById.put(im.id(), im);
    }
    for (CocoAnnotation a : annotations) {
      byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
    }
    this.categoryMap = new CategoryMap(categories);
  }

  /** The file this data set was read from. */
  public String source() {
    return source;
  }

  /** Images in file order. */
  public List<CocoImage> images() {
    return images;
  }

  /** Categories in file order. */
  public List<CocoCategory> categories() {
    return categories;
  }

  /** Annotations in file order. */
  public List<CocoAnnotation> annotations() {
    return annotations;
  }

  /** The image with {@code id}, or null. */
  public CocoImage image(long id) {
    return imagesById.get(id);
  }

  /** The annotations of image {@code imageId}, in file order (empty when none). */
  public List<CocoAnnotation> annotationsOf(long imageId) {
    return byImage.getOrDefault(imageId, List.of());
  }

  /** Original category ids to contiguous labels (ascending id order). */
  public CategoryMap categoryMap() {
    return categoryMap;
  }

  /** One message per item skipped as invalid, naming file, item and field. */
  public List<String> skipped() {
    return skipped;
  }
}

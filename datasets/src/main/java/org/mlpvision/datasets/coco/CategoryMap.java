package org.mlpvision.datasets.coco;

import java.util.Arrays;
import java.util.List;

/**
 * Original category ids to contiguous labels {@code 0..n-1} in ascending id order (mmdet's {@code
 * cat2label}); for COCO-2017 the 80 ids in 1..90 become labels 0..79.
 */
public final class CategoryMap {
  private final long[] ids;
  private final List<CocoCategory> categories;

  /** Builds the map from the file's categories (any order; ids must be distinct). */
  public CategoryMap(List<CocoCategory> categories) {
    this.categories = categories.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    this.ids = this.categories.stream().mapToLong(CocoCategory::id).toArray();
  }

  /** Number of categories (= labels). */
  public int size() {
    return ids.length;
  }

  /** The contiguous label of {@code categoryId}, or -1 when the id is unknown. */
  public int label(long categoryId) {
    int i = Arrays.binarySearch(ids, categoryId);
    return i < 0 ? -1 : i;
  }

  /** The original id of {@code label}. */
  public long categoryId(int label) {
    return ids[label];
  }

  /** The category of {@code label}. */
  public CocoCategory category(int label) {
    return categories.get(label);
  }

  /** Categories in label order. */
  public List<CocoCategory> categories() {
    return categories;
  }
}

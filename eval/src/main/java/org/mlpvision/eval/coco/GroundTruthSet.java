package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth COCOeval evaluates against: the image ids (sorted, as {@code params.imgIds}),
 * the category ids (sorted, as {@code params.catIds}) and each image's annotations grouped by
 * category in file order. Immutable once built.
 */
public final class GroundTruthSet {
  private final long[] imageIds;
  private final int[] heights;
  private final int[] widths;
  private final int[] categoryIds;
  private final Map<Long, Integer> imageIndex;
  private final Map<Integer, Integer> categoryIndex;
  private final GroundTruthObject[][] objects;
  private final int objectCount;

  private GroundTruthSet(Builder b) {
    int n = b.images.size();
    long[][] imgs = b.images.toArray(new long[0][]);
    Arrays.sort(imgs, (x, y) -> Long.compare(x[0], y[0]));
    imageIds = new long[n];
    heights = new int[n];
    widths = new int[n];
    imageIndex = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      imageIds[i] = imgs[i][0];
      heights[i] = (int) imgs[i][1];
      widths[i] = (int) imgs[i][2];
      if (imageIndex.put(imageIds[i], i) != null) {
        throw new IllegalArgumentException("duplicate image id " + imageIds[i]);
      }
    }
    categoryIds = b.categories.stream().mapToInt(Integer::intValue).sorted().toArray();
    categoryIndex = new HashMap<>();
    for (int k = 0; k < categoryIds.length; k++) {
      if (categoryIndex.put(categoryIds[k], k) != null) {
        throw new IllegalArgumentException("duplicate category id " + categoryIds[k]);
      }
    }
    List<List<GroundTruthObject>> perImage = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      perImage.add(new ArrayList<>());
    }
    for (GroundTruthObject o : b.objects) {
      Integer i = imageIndex.get(o.imageId());
      if (i == null) {
        throw new IllegalArgumentException(
            "annotation " + o.id() + " names unknown image id " + o.imageId());
      }
      if (!categoryIndex.containsKey(o.categoryId())) {
        throw new IllegalArgumentException(
            "annotation " + o.id() + " names unknown category id " + o.categoryId());
      }
      perImage.get(i).add(o);
    }
    objects = new GroundTruthObject[n][];
    for (int i = 0; i < n; i++) {
      objects[i] = perImage.get(i).toArray(new GroundTruthObject[0]);
    }
    objectCount = b.objects.size();
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sorted image ids. */
  public long[] imageIds() {
    return imageIds.clone();
  }

  /** Sorted category ids. */
  public int[] categoryIds() {
    return categoryIds.clone();
  }

  /** Number of images. */
  public int imageCount() {
    return imageIds.length;
  }

  /** Number of categories. */
  public int categoryCount() {
    return categoryIds.length;
  }

  /** Number of annotations. */
  public int objectCount() {
    return objectCount;
  }

  /** Position of an image id in {@link #imageIds()}, or -1. */
  public int imageIndex(long imageId) {
    Integer i = imageIndex.get(imageId);
    return i == null ? -1 : i;
  }

  /** Position of a category id in {@link #categoryIds()}, or -1. */
  public int categoryIndex(int categoryId) {
    Integer k = categoryIndex.get(categoryId);
    return k == null ? -1 : k;
  }

  long imageId(int index) {
    return imageIds[index];
  }

  int categoryId(int index) {
    return categoryIds[index];
  }

  int height(int imageIndex) {
    return heights[imageIndex];
  }

  int width(int imageIndex) {
    return widths[imageIndex];
  }

  /** An image's annotations in file order (all categories). */
  GroundTruthObject[] objects(int imageIndex) {
    return objects[imageIndex];
  }

  /** Collects images, categories and annotations. */
  public static final class Builder {
    private final List<long[]> images = new ArrayList<>();
    private final List<Integer> categories = new ArrayList<>();
    private final List<GroundTruthObject> objects = new ArrayList<>();

    private Builder() {}

    /** Adds an image with its size (needed to rasterize polygon results in segm). */
    public Builder addImage(long id, int height, int width) {
      images.add(new long[] {id, height, width});
      return this;
    }

    /** Adds a category id. */
    public Builder addCategory(int id) {
      categories.add(id);
      return this;
    }

    /** Adds an annotation; annotations of one image and category keep this order. */
    public Builder addObject(GroundTruthObject object) {
      objects.add(object);
      return this;
    }

    /**
     * @throws IllegalArgumentException on duplicate ids or an annotation naming an unknown image or
     *     category
     */
    public GroundTruthSet build() {
      return new GroundTruthSet(this);
    }
  }
}

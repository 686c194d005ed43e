package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mlpvision.datasets.coco.CocoAnnotation;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.mask.Rle;

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
  private final int[] categoryLookup; // id -> index + 1 for small non-negative ids (COCO: 1..90)
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
    int maxId = categoryIds.length == 0 ? -1 : categoryIds[categoryIds.length - 1];
    boolean small = categoryIds.length > 0 && categoryIds[0] >= 0 && maxId < (1 << 16);
    categoryLookup = small ? new int[maxId + 1] : null;
    if (small) {
      for (int k = 0; k < categoryIds.length; k++) {
        categoryLookup[categoryIds[k]] = k + 1;
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

  /**
   * The ground truth of a parsed COCO file: all images and categories (as pycocotools' default
   * {@code imgIds} and {@code catIds}) and every annotation; for {@code segm} each annotation's
   * segmentation becomes an RLE at its image's size, exactly as {@code annToRLE}.
   *
   * @throws IllegalArgumentException naming the file and annotation when one lacks its area, or the
   *     bbox (segmentation) that bbox (segm) evaluation needs
   */
  public static GroundTruthSet fromCoco(CocoDataset dataset, IouType iouType) {
    Builder b = builder();
    for (CocoImage im : dataset.images()) {
      b.addImage(im.id(), im.height(), im.width());
    }
    for (CocoCategory c : dataset.categories()) {
      b.addCategory(Math.toIntExact(c.id()));
    }
    List<CocoAnnotation> anns = dataset.annotations();
    Rle[] masks = new Rle[anns.size()];
    if (iouType == IouType.SEGM) {
      IntStream.range(0, anns.size())
          .parallel()
          .forEach(
              i -> {
                CocoAnnotation a = anns.get(i);
                if (a.segmentation() == null) {
                  throw new IllegalArgumentException(
                      dataset.source()
                          + ": annotation "
                          + a.id()
                          + ": segm evaluation needs a segmentation");
                }
                CocoImage im = dataset.image(a.imageId());
                masks[i] = a.segmentation().toRle(im.height(), im.width());
              });
    }
    for (int i = 0; i < anns.size(); i++) {
      CocoAnnotation a = anns.get(i);
      String where = dataset.source() + ": annotation " + a.id() + ": ";
      if (Double.isNaN(a.area())) {
        throw new IllegalArgumentException(where + "COCOeval needs its area, the file has none");
      }
      if (a.bbox() == null && iouType == IouType.BBOX) {
        throw new IllegalArgumentException(where + "bbox evaluation needs its bbox");
      }
      b.addObject(
          new GroundTruthObject(
              a.id(),
              a.imageId(),
              Math.toIntExact(a.categoryId()),
              a.bbox(),
              a.area(),
              a.crowd(),
              masks[i]));
    }
    return b.build();
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
    if (categoryLookup != null) {
      return categoryId >= 0 && categoryId < categoryLookup.length
          ? categoryLookup[categoryId] - 1
          : -1;
    }
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

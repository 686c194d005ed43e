package org.mlpvision.datasets.coco;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.Mat;

/**
 * Counts of a COCO file: images, annotations, categories, crowd annotations, and per category
 * (keyed by original id) the non-crowd {@code instances} and their {@code mask_area}, the sum of
 * decoded mask pixels.
 */
public record CocoStats(
    int images,
    int annotations,
    int categories,
    int crowd,
    int skipped,
    Map<Long, PerCategory> perCategory) {

  /** Non-crowd instance count and summed mask area of one category. */
  public record PerCategory(String name, long instances, long maskArea) {}

  /** Computes the counts; masks are decoded exactly as pycocotools would. */
  public static CocoStats of(CocoDataset d) {
    Map<Long, long[]> acc = new LinkedHashMap<>();
    for (CocoCategory c : d.categoryMap().categories()) {
      acc.put(c.id(), new long[2]);
    }
    int crowd = 0;
    for (CocoAnnotation a : d.annotations()) {
      if (a.crowd()) {
        crowd++;
        continue;
      }
      long[] s = acc.get(a.categoryId());
      s[0]++;
      if (a.segmentation() != null) {
        CocoImage im = d.image(a.imageId());
        s[1] += a.segmentation().toRle(im.height(), im.width()).area();
      }
    }
    Map<Long, PerCategory> per = new LinkedHashMap<>();
    for (CocoCategory c : d.categoryMap().categories()) {
      long[] s = acc.get(c.id());
      per.put(c.id(), new PerCategory(c.name(), s[0], s[1]));
    }
    return new CocoStats(
        d.images().size(),
        d.annotations().size(),
        d.categories().size(),
        crowd,
        d.skipped().size(),
        per);
  }

  /**
   * Checks that every image of {@code d} exists under {@code root}, decodes, and has the size the
   * file states; returns the number checked.
   */
  public static int checkImages(CocoDataset d, Path root) {
    int n = 0;
    for (CocoImage im : d.images()) {
      String item = "image " + im.id();
      Path file;
      try {
        file = ImagePaths.resolve(root, im.fileName());
      } catch (IllegalArgumentException e) {
        throw new DatasetException(d.source(), item, "file_name", e.getMessage());
      }
      Mat m = ImageFiles.readBgr(file, item);
      try {
        if (m.cols() != im.width() || m.rows() != im.height()) {
          throw new DatasetException(
              file.toString(),
              item,
              "width/height",
              "file says "
                  + im.width()
                  + "x"
                  + im.height()
                  + " but the image decodes to "
                  + m.cols()
                  + "x"
                  + m.rows());
        }
      } finally {
        m.release();
      }
      n++;
    }
    return n;
  }
}

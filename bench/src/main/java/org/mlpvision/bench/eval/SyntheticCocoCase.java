package org.mlpvision.bench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.eval.coco.Detection;
import org.mlpvision.eval.coco.GroundTruthObject;
import org.mlpvision.eval.coco.GroundTruthSet;

/**
 * A deterministic COCO-scale evaluation case generated in memory: val2017's shape (5000 images of
 * about 480×640, the 80 category ids 1..90, about 7.3 ground truths per image with COCO's mix of
 * small, medium and large objects and about 1% crowds) and a detector-like 100 detections per image
 * (several jittered hits per object at high scores, then low-scoring clutter). Masks are ellipses
 * inscribed in their boxes, encoded straight to RLE column by column.
 */
public final class SyntheticCocoCase {
  /** COCO-2017 category ids: 1..90 without 12, 26, 29, 30, 45, 66, 68, 69, 71, 83. */
  static final int[] CATEGORY_IDS = cocoIds();

  private final GroundTruthSet groundTruth;
  private final List<GroundTruthObject> objects = new ArrayList<>();
  private final int[] heights;
  private final int[] widths;
  private final long[] imageIds;
  private final List<List<Detection>> detections;
  private final int objectCount;
  private final long detectionCount;

  /**
   * @param images number of images (val2017: 5000)
   * @param detectionsPerImage detections per image (100)
   * @param masks whether to attach RLE masks (needed for segm)
   * @param seed random seed
   */
  public SyntheticCocoCase(int images, int detectionsPerImage, boolean masks, long seed) {
    Random rnd = new Random(seed);
    GroundTruthSet.Builder b = GroundTruthSet.builder();
    for (int c : CATEGORY_IDS) {
      b.addCategory(c);
    }
    imageIds = new long[images];
    heights = new int[images];
    widths = new int[images];
    detections = new ArrayList<>(images);
    long annId = 1;
    int objectTotal = 0;
    long dets = 0;
    for (int i = 0; i < images; i++) {
      long id = 1000 + 7L * i;
      imageIds[i] = id;
      int h = 360 + rnd.nextInt(5) * 70;
      int w = 480 + rnd.nextInt(3) * 80;
      b.addImage(id, h, w);
      heights[i] = h;
      widths[i] = w;
      int ng = rnd.nextInt(15) + (rnd.nextInt(5) == 0 ? 1 : 0); // mean 7.2: about 36k objects
      List<double[]> boxes = new ArrayList<>();
      List<Integer> cats = new ArrayList<>();
      for (int j = 0; j < ng; j++) {
        double[] box = objectBox(rnd, h, w);
        int cat = category(rnd);
        boolean crowd = rnd.nextInt(100) == 0;
        Rle mask = masks ? ellipse(box, h, w) : null;
        double area = masks ? mask.area() : box[2] * box[3];
        GroundTruthObject o = new GroundTruthObject(annId++, id, cat, box, area, crowd, mask);
        b.addObject(o);
        objects.add(o);
        boxes.add(box);
        cats.add(cat);
        objectTotal++;
      }
      List<Detection> list = new ArrayList<>(detectionsPerImage);
      for (int j = 0; j < ng && list.size() < detectionsPerImage; j++) {
        int hits = 1 + rnd.nextInt(5);
        for (int k = 0; k < hits && list.size() < detectionsPerImage; k++) {
          double[] box = jitter(rnd, boxes.get(j), h, w, 0.05 + 0.1 * k);
          int cat = rnd.nextInt(10) == 0 ? category(rnd) : cats.get(j);
          double score = Math.max(0.05, 0.95 - 0.15 * k - 0.2 * rnd.nextDouble());
          list.add(detection(cat, box, round3(score), masks, h, w));
        }
      }
      while (list.size() < detectionsPerImage) {
        double[] box = objectBox(rnd, h, w);
        int cat =
            !cats.isEmpty() && rnd.nextBoolean()
                ? cats.get(rnd.nextInt(cats.size()))
                : category(rnd);
        list.add(detection(cat, box, round3(0.3 * rnd.nextDouble()), masks, h, w));
      }
      detections.add(list);
      dets += list.size();
    }
    groundTruth = b.build();
    objectCount = objectTotal;
    detectionCount = dets;
  }

  private static Detection detection(
      int cat, double[] box, double score, boolean masks, int h, int w) {
    if (!masks) {
      return Detection.box(cat, box, score);
    }
    // mmdet's segm results carry the box, so the area is the box area, as loadRes sets it.
    return Detection.mask(cat, ellipse(box, h, w), score, box);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0; // ties in scores, as real detectors' floats have
  }

  /** A box with COCO's size mix: about 41% small, 34% medium, 25% large. */
  private static double[] objectBox(Random rnd, int h, int w) {
    double u = rnd.nextDouble();
    double side =
        u < 0.41
            ? 6 + rnd.nextDouble() * 26
            : u < 0.75 ? 32 + rnd.nextDouble() * 64 : 96 + rnd.nextDouble() * 250;
    double aspect = Math.exp((rnd.nextDouble() - 0.5) * 1.2);
    double bw = Math.min(w - 1, Math.max(2, Math.round(side * aspect)));
    double bh = Math.min(h - 1, Math.max(2, Math.round(side / aspect)));
    double x = Math.floor(rnd.nextDouble() * (w - bw));
    double y = Math.floor(rnd.nextDouble() * (h - bh));
    return new double[] {x, y, bw, bh};
  }

  private static double[] jitter(Random rnd, double[] b, int h, int w, double amount) {
    double dx = (rnd.nextDouble() - 0.5) * amount * b[2];
    double dy = (rnd.nextDouble() - 0.5) * amount * b[3];
    double sw = 1 + (rnd.nextDouble() - 0.5) * amount;
    double sh = 1 + (rnd.nextDouble() - 0.5) * amount;
    double x = Math.max(0, Math.round(b[0] + dx));
    double y = Math.max(0, Math.round(b[1] + dy));
    double bw = Math.max(1, Math.min(w - x, Math.round(b[2] * sw)));
    double bh = Math.max(1, Math.min(h - y, Math.round(b[3] * sh)));
    return new double[] {x, y, bw, bh};
  }

  /** Zipf-like category frequencies (person is by far the most common in COCO). */
  private static int category(Random rnd) {
    double u = rnd.nextDouble();
    int k = (int) Math.floor(Math.pow(u, 2.5) * CATEGORY_IDS.length);
    return CATEGORY_IDS[Math.min(k, CATEGORY_IDS.length - 1)];
  }

  /** The ellipse inscribed in an integer box, as column-major RLE of an h×w image. */
  static Rle ellipse(double[] box, int h, int w) {
    int x0 = (int) box[0];
    int y0 = (int) box[1];
    int bw = (int) Math.min(box[2], w - x0);
    int bh = (int) Math.min(box[3], h - y0);
    int[] counts = new int[2 * bw + 2];
    int n = 0;
    long pending = (long) x0 * h; // zeros before the box's first column
    double cx = bw / 2.0;
    double ry = bh / 2.0;
    for (int c = 0; c < bw; c++) {
      double t = (c + 0.5 - cx) / cx;
      double half = ry * Math.sqrt(Math.max(0, 1 - t * t));
      int top = (int) Math.round(ry - half);
      int bottom = (int) Math.round(ry + half);
      int len = Math.max(0, bottom - top);
      if (len == 0) {
        pending += h;
        continue;
      }
      pending += y0 + top;
      if (pending == 0 && n > 0) {
        counts[n - 1] += len; // the run continues from the previous column's bottom
      } else {
        counts[n++] = (int) pending;
        counts[n++] = len;
      }
      pending = h - (y0 + top + len);
    }
    pending += (long) (w - x0 - bw) * h;
    counts[n++] = (int) pending;
    return new Rle(h, w, java.util.Arrays.copyOf(counts, n));
  }

  private static int[] cocoIds() {
    java.util.Set<Integer> missing = java.util.Set.of(12, 26, 29, 30, 45, 66, 68, 69, 71, 83);
    return java.util.stream.IntStream.rangeClosed(1, 90)
        .filter(i -> !missing.contains(i))
        .toArray();
  }

  /** The ground truth. */
  public GroundTruthSet groundTruth() {
    return groundTruth;
  }

  /** Image ids in generation order. */
  public long[] imageIds() {
    return imageIds.clone();
  }

  /** Detections of image {@code i} (in generation order). */
  public List<Detection> detections(int i) {
    return detections.get(i);
  }

  /** Every ground truth in generation order. */
  public List<GroundTruthObject> objects() {
    return objects;
  }

  /** Height of the i-th generated image. */
  public int height(int i) {
    return heights[i];
  }

  /** Width of the i-th generated image. */
  public int width(int i) {
    return widths[i];
  }

  /** Number of ground truths. */
  public int objectCount() {
    return objectCount;
  }

  /** Number of detections. */
  public long detectionCount() {
    return detectionCount;
  }
}

package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.datasets.mask.Rle;

/**
 * A random small COCO case for the property test: a few images (some empty), a few categories (some
 * without ground truth), crowds, boxes of every area range, detections near and away from the
 * ground truth, scores from a small set so that ties are common, and for masks, RLEs of rectangles
 * and random blobs.
 */
final class RandomCocoCase {
  final long[] imageIds;
  final int[] categoryIds;
  final int size;
  final List<GroundTruthObject> gts = new ArrayList<>();
  final List<ReferenceCocoEval.Dt> dts = new ArrayList<>();
  final int[] maxDets;

  RandomCocoCase(long seed, IouType type) {
    this(seed, type, 0);
  }

  /** With {@code images > 0}, that many images instead of 1 to 5. */
  RandomCocoCase(long seed, IouType type, int images) {
    Random rnd = new Random(seed);
    size = type == IouType.SEGM ? 110 : 400;
    int ni = images > 0 ? images : 1 + rnd.nextInt(5);
    int nk = 1 + rnd.nextInt(4);
    imageIds = new long[ni];
    for (int i = 0; i < ni; i++) {
      imageIds[i] = 3L * i + 1 + rnd.nextInt(3);
    }
    categoryIds = new int[nk];
    for (int k = 0; k < nk; k++) {
      categoryIds[k] = 2 * k + 1 + rnd.nextInt(2);
    }
    maxDets =
        switch (rnd.nextInt(3)) {
          case 0 -> new int[] {1, 10, 100};
          case 1 -> new int[] {1, 2, 4};
          default -> new int[] {2, 3, 100};
        };
    double[] scoreSet = {0.1, 0.3, 0.5, 0.5, 0.7, 0.9, 0.95, 0.0};
    long gtId = rnd.nextInt(10) == 0 ? 0 : 1; // an annotation id 0 now and then (pycocotools quirk)
    long dtId = 1;
    for (long img : imageIds) {
      if (rnd.nextInt(6) == 0) {
        continue; // an image without annotations
      }
      int ng = rnd.nextInt(6);
      List<GroundTruthObject> imageGts = new ArrayList<>();
      for (int j = 0; j < ng; j++) {
        int cat = categoryIds[rnd.nextInt(nk)];
        double[] b = randomBox(rnd);
        boolean crowd = rnd.nextInt(5) == 0;
        if (!imageGts.isEmpty() && rnd.nextBoolean()) {
          // Overlapping ground truths (a crowd around an object, a near-duplicate of another
          // size) exercise the matching order: ignored ground truths sort last and stop the scan.
          GroundTruthObject o = imageGts.get(rnd.nextInt(imageGts.size()));
          cat = o.categoryId();
          double[] ob = o.bbox();
          double grow = rnd.nextInt(3) * 2;
          b =
              new double[] {
                Math.max(0, ob[0] - grow),
                Math.max(0, ob[1] - grow),
                ob[2] + 2 * grow,
                ob[3] + 2 * grow
              };
          crowd = rnd.nextBoolean();
          b[2] = Math.min(b[2], size - b[0]);
          b[3] = Math.min(b[3], size - b[1]);
        }
        Rle mask = type == IouType.SEGM ? randomMask(rnd, b) : null;
        double area;
        if (mask != null) {
          area = mask.area();
        } else {
          area = rnd.nextInt(4) == 0 ? b[2] * b[3] * (0.5 + rnd.nextDouble()) : b[2] * b[3];
        }
        GroundTruthObject g = new GroundTruthObject(gtId++, img, cat, b, area, crowd, mask);
        gts.add(g);
        imageGts.add(g);
      }
      int nd = rnd.nextInt(12);
      for (int d = 0; d < nd; d++) {
        double[] b;
        int cat;
        if (!imageGts.isEmpty() && rnd.nextInt(3) > 0) {
          GroundTruthObject g = imageGts.get(rnd.nextInt(imageGts.size()));
          cat = rnd.nextInt(5) == 0 ? categoryIds[rnd.nextInt(nk)] : g.categoryId();
          double[] gb = g.bbox();
          double j = rnd.nextInt(3) * 0.1 * gb[2];
          b = new double[] {gb[0] + j * (rnd.nextDouble() - 0.5), gb[1], gb[2], gb[3] + j * 0.5};
          b[0] = Math.max(0, Math.round(b[0]));
          b[3] = Math.round(b[3]);
        } else {
          cat = categoryIds[rnd.nextInt(nk)];
          b = randomBox(rnd);
        }
        double score = scoreSet[rnd.nextInt(scoreSet.length)];
        Rle mask = null;
        double area = b[2] * b[3];
        double[] box = b;
        if (type == IouType.SEGM) {
          mask = randomMask(rnd, b);
          if (rnd.nextBoolean()) {
            box = mask.bbox();
            area = mask.area();
          }
        }
        dts.add(new ReferenceCocoEval.Dt(dtId++, img, cat, box, score, area, mask));
      }
    }
  }

  private double[] randomBox(Random rnd) {
    double[] sides = {4, 10, 20, 31, 32, 40, 60, 96, 97, 150};
    double w = Math.min(sides[rnd.nextInt(sides.length)], size - 2);
    double h = Math.min(sides[rnd.nextInt(sides.length)], size - 2);
    double x = rnd.nextInt((int) (size - w));
    double y = rnd.nextInt((int) (size - h));
    return new double[] {x, y, w, h};
  }

  /** A filled rectangle or a random blob inside the box, on the case's canvas. */
  private Rle randomMask(Random rnd, double[] b) {
    byte[] bits = new byte[size * size];
    int x0 = (int) b[0];
    int y0 = (int) b[1];
    int x1 = Math.min(size, (int) (b[0] + b[2]));
    int y1 = Math.min(size, (int) (b[1] + b[3]));
    boolean blob = rnd.nextBoolean();
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if (!blob || rnd.nextInt(4) > 0) {
          bits[y * size + x] = 1;
        }
      }
    }
    return Rle.fromBitmap(bits, size, size);
  }

  GroundTruthSet groundTruth() {
    GroundTruthSet.Builder b = GroundTruthSet.builder();
    for (long id : imageIds) {
      b.addImage(id, size, size);
    }
    for (int c : categoryIds) {
      b.addCategory(c);
    }
    gts.forEach(b::addObject);
    return b.build();
  }

  /** Detections grouped per image in file order. */
  Map<Long, List<Detection>> detectionsByImage() {
    Map<Long, List<Detection>> out = new LinkedHashMap<>();
    for (ReferenceCocoEval.Dt d : dts) {
      out.computeIfAbsent(d.imageId(), x -> new ArrayList<>())
          .add(new Detection(d.categoryId(), d.bbox(), d.score(), d.mask(), d.area()));
    }
    return out;
  }
}

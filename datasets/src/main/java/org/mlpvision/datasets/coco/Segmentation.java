package org.mlpvision.datasets.coco;

import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.mask.PolygonRasterizer;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;

/**
 * An annotation's {@code segmentation} in one of COCO's three forms. {@link #toRle} gives the mask
 * exactly as pycocotools' {@code annToRLE}: polygons are rasterized at the image size and unioned,
 * RLE forms keep their own (validated) size.
 */
public sealed interface Segmentation {
  /** The mask as RLE for an image of the given size. */
  Rle toRle(int imageHeight, int imageWidth);

  /**
   * Polygons: each a flat {@code [x1,y1,x2,y2,...]} array of at least 3 points. Stored compactly: a
   * polygon whose coordinates are all exact hundredths (COCO writes 2 decimals) is kept as {@code
   * int} hundredths, which {@code k / 100.0} restores bit for bit (IEEE division rounds correctly,
   * as the JSON parser does); any other polygon keeps its doubles.
   */
  final class Polygons implements Segmentation {
    private final Object[] parts;

    /** Copies the coordinates into the compact form. */
    public Polygons(List<double[]> polygons) {
      parts = new Object[polygons.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = compact(polygons.get(i));
      }
    }

    private static Object compact(double[] xy) {
      int[] k = new int[xy.length];
      for (int i = 0; i < xy.length; i++) {
        double scaled = Math.rint(xy[i] * 100);
        if (Math.abs(scaled) > Integer.MAX_VALUE || scaled / 100.0 != xy[i]) {
          return xy.clone();
        }
        k[i] = (int) scaled;
      }
      return k;
    }

    /** Number of polygons. */
    public int size() {
      return parts.length;
    }

    /** Polygon {@code i} as a fresh coordinate array. */
    public double[] polygon(int i) {
      if (parts[i] instanceof int[] k) {
        double[] xy = new double[k.length];
        for (int j = 0; j < k.length; j++) {
          xy[j] = k[j] / 100.0;
        }
        return xy;
      }
      return ((double[]) parts[i]).clone();
    }

    /** All polygons as fresh coordinate arrays. */
    public List<double[]> polygons() {
      List<double[]> out = new ArrayList<>(parts.length);
      for (int i = 0; i < parts.length; i++) {
        out.add(polygon(i));
      }
      return out;
    }

    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      return PolygonRasterizer.polygons(polygons(), imageHeight, imageWidth);
    }
  }

  /** Uncompressed RLE ({@code counts} as a list of integers), used for crowd regions. */
  record CountsRle(Rle rle) implements Segmentation {
    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      return rle;
    }
  }

  /** Compressed RLE ({@code counts} as a string), kept compact and decoded on demand. */
  record CompressedRle(int height, int width, String counts) implements Segmentation {
    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      return RleString.decode(counts, height, width);
    }
  }
}

package org.mlpvision.datasets.coco;

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

  /** Polygons: each a flat {@code [x1,y1,x2,y2,...]} array of at least 3 points. */
  record Polygons(List<double[]> polygons) implements Segmentation {
    /** Copies the list; the arrays are shared and must not be modified. */
    public Polygons {
      polygons = List.copyOf(polygons);
    }

    @Override
    public Rle toRle(int imageHeight, int imageWidth) {
      return PolygonRasterizer.polygons(polygons, imageHeight, imageWidth);
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

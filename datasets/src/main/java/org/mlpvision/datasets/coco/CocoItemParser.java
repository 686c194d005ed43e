package org.mlpvision.datasets.coco;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.json.JsonCursor;
import org.mlpvision.datasets.json.JsonCursor.Kind;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;

/**
 * Reads one image, category or annotation object and checks every field on its own (types, ranges,
 * polygon sizes, RLE sums). Cross references (unknown images or categories) are checked by {@link
 * CocoReader} once the whole file is read. One parser per thread.
 */
final class CocoItemParser {
  private static final byte[][] IMAGE = JsonCursor.names("id", "file_name", "width", "height");
  private static final byte[][] CATEGORY = JsonCursor.names("id", "name", "supercategory");
  private static final byte[][] ANNOTATION =
      JsonCursor.names(
          "id", "image_id", "category_id", "bbox", "area", "iscrowd", "segmentation", "ignore");
  private static final byte[][] RLE = JsonCursor.names("size", "counts");

  /**
   * An item whose object was read but is invalid: its kind, id (null when it has no valid one),
   * index in its array section, the field and the problem.
   */
  record Invalid(String kind, Long id, int index, String field, String problem) {
    /** The item as messages name it, e.g. {@code annotation 17}. */
    String item() {
      return id != null ? kind + " " + id : kind + " at index " + index + " (no valid id)";
    }
  }

  private final JsonValues values = new JsonValues();
  private Invalid invalid;

  /** The problem of the last item read, or null when it was valid. */
  Invalid invalid() {
    return invalid;
  }

  private void finish(String kind, Long id, int index) {
    invalid =
        values.failed()
            ? new Invalid(kind, id, index, values.problemField(), values.problem())
            : null;
  }

  private boolean startObject(JsonCursor c, String kind) {
    values.reset();
    if (c.kind() != Kind.OBJECT) {
      values.fail("", "expected a " + kind + " object, got " + c.describeValue());
      return false;
    }
    c.enterObject();
    return true;
  }

  /** Reads an image; null when invalid (see {@link #invalid()}). */
  CocoImage image(JsonCursor c, int index) {
    Long id = null;
    String fileName = null;
    Long width = null;
    Long height = null;
    if (startObject(c, "image")) {
      int f;
      while ((f = c.nextField(IMAGE)) != JsonCursor.END) {
        switch (f) {
          case 0 -> id = values.integer(c, "id");
          case 1 -> fileName = values.text(c, "file_name");
          case 2 -> width = values.integer(c, "width");
          case 3 -> height = values.integer(c, "height");
          default -> c.skipValue();
        }
      }
    }
    required(id, "id");
    required(fileName, "file_name");
    positive(width, "width");
    positive(height, "height");
    if (width != null && height != null && !values.failed() && width * height > Integer.MAX_VALUE) {
      values.fail("width", "image of " + width + "x" + height + " pixels is too large");
    }
    if (fileName != null && !values.failed()) {
      String why = ImagePaths.unsafeReason(fileName);
      if (why != null) {
        values.fail("file_name", why + ": \"" + fileName + "\"");
      }
    }
    finish("image", id, index);
    return invalid == null
        ? new CocoImage(id, fileName, width.intValue(), height.intValue())
        : null;
  }

  /** Reads a category; null when invalid. */
  CocoCategory category(JsonCursor c, int index) {
    Long id = null;
    String name = null;
    String supercategory = "";
    if (startObject(c, "category")) {
      int f;
      while ((f = c.nextField(CATEGORY)) != JsonCursor.END) {
        switch (f) {
          case 0 -> id = values.integer(c, "id");
          case 1 -> name = values.text(c, "name");
          case 2 -> supercategory = values.text(c, "supercategory");
          default -> c.skipValue();
        }
      }
    }
    required(id, "id");
    required(name, "name");
    finish("category", id, index);
    return invalid == null ? new CocoCategory(id, name, supercategory) : null;
  }

  /** Reads an annotation; null when invalid. {@code area} is NaN when the file has none. */
  CocoAnnotation annotation(JsonCursor c, int index) {
    Long id = null;
    Long imageId = null;
    Long categoryId = null;
    double[] bbox = null;
    Double area = null;
    boolean hasArea = false;
    Long crowd = 0L;
    boolean ignore = false;
    Segmentation segmentation = null;
    if (startObject(c, "annotation")) {
      int f;
      while ((f = c.nextField(ANNOTATION)) != JsonCursor.END) {
        switch (f) {
          case 0 -> id = values.integer(c, "id");
          case 1 -> imageId = values.integer(c, "image_id");
          case 2 -> categoryId = values.integer(c, "category_id");
          case 3 -> bbox = values.numbers(c, "bbox");
          case 4 -> {
            hasArea = true;
            area = values.number(c, "area");
          }
          case 5 -> crowd = values.integer(c, "iscrowd");
          case 6 -> segmentation = segmentation(c);
          case 7 -> ignore = flag(c, "ignore");
          default -> c.skipValue();
        }
      }
    }
    required(id, "id");
    required(imageId, "image_id");
    required(categoryId, "category_id");
    required(bbox, "bbox");
    checkBox(bbox);
    if (area != null && !(Double.isFinite(area) && area >= 0)) {
      values.fail("area", "must be a finite number >= 0, got " + area);
    }
    if (crowd != null && crowd != 0 && crowd != 1) {
      values.fail("iscrowd", "must be 0 or 1, got " + crowd);
    }
    finish("annotation", id, index);
    if (invalid != null) {
      return null;
    }
    double a = hasArea ? area : Double.NaN;
    return new CocoAnnotation(id, imageId, categoryId, bbox, a, crowd == 1, segmentation, ignore);
  }

  /**
   * A box is 4 finite numbers with a width and height of at least 0. It may reach outside its image
   * (pycocotools evaluates it as written; {@link CocoInstances} clips it for training).
   */
  /** A flag written as {@code true}/{@code false} or {@code 1}/{@code 0}; false (recorded) else. */
  private boolean flag(JsonCursor c, String field) {
    JsonCursor.Kind kind = c.kind();
    if (kind == JsonCursor.Kind.TRUE || kind == JsonCursor.Kind.FALSE) {
      c.skipValue();
      return kind == JsonCursor.Kind.TRUE;
    }
    Long v = values.integer(c, field);
    if (v != null && v != 0 && v != 1) {
      values.fail(field, "must be true, false, 0 or 1, got " + v);
    }
    return v != null && v == 1;
  }

  private void checkBox(double[] bbox) {
    if (bbox == null) {
      return;
    }
    if (bbox.length != 4) {
      values.fail("bbox", "expected 4 numbers [x,y,w,h], got " + bbox.length);
      return;
    }
    String[] names = {"x", "y", "width", "height"};
    for (int i = 0; i < 4; i++) {
      if (!Double.isFinite(bbox[i])) {
        values.fail("bbox", names[i] + " must be a finite number, got " + bbox[i]);
        return;
      }
      if (i >= 2 && bbox[i] < 0) {
        values.fail("bbox", names[i] + " must be >= 0, got " + bbox[i]);
        return;
      }
    }
  }

  private Segmentation segmentation(JsonCursor c) {
    Kind kind = c.kind();
    if (kind == Kind.ARRAY) {
      c.enterArray();
      List<double[]> polygons = new ArrayList<>();
      boolean ok = true;
      while (c.nextElement()) {
        String field = "segmentation[" + polygons.size() + "]";
        double[] xy = values.numbers(c, field);
        if (xy == null) {
          ok = false;
          continue;
        }
        if (xy.length < 6 || xy.length % 2 != 0) {
          values.fail(
              field, "a polygon needs an even number of at least 6 coordinates, got " + xy.length);
          ok = false;
        }
        for (double v : xy) {
          if (!Double.isFinite(v)) {
            values.fail(field, "coordinate is not finite: " + v);
            ok = false;
            break;
          }
        }
        polygons.add(xy);
      }
      if (ok && polygons.isEmpty()) {
        values.fail("segmentation", "empty polygon list");
      }
      return ok ? new Segmentation.Polygons(polygons) : null;
    }
    if (kind == Kind.OBJECT) {
      return rle(c);
    }
    values.fail("segmentation", "expected polygons or RLE, got " + c.describeValue());
    return null;
  }

  private Segmentation rle(JsonCursor c) {
    double[] size = null;
    double[] counts = null;
    byte[] compressed = null;
    c.enterObject();
    int f;
    while ((f = c.nextField(RLE)) != JsonCursor.END) {
      switch (f) {
        case 0 -> size = values.numbers(c, "segmentation.size");
        case 1 -> {
          if (c.kind() == Kind.STRING) {
            c.readStringBytes();
            compressed =
                java.util.Arrays.copyOfRange(c.stringSource(), c.stringStart(), c.stringEnd());
          } else {
            counts = values.numbers(c, "segmentation.counts");
          }
        }
        default -> c.skipValue();
      }
    }
    if (size == null || counts == null && compressed == null) {
      values.fail("segmentation", "RLE needs 'size' and 'counts'");
      return null;
    }
    if (size.length != 2 || !isCount(size[0]) || !isCount(size[1])) {
      values.fail("segmentation.size", "expected [height, width] as 2 integers >= 0");
      return null;
    }
    int h = (int) size[0];
    int w = (int) size[1];
    try {
      if (compressed != null) {
        RleString.check(compressed, 0, compressed.length, h, w);
        // kept compact as the string (valid counts are ASCII)
        return new Segmentation.CompressedRle(
            h, w, new String(compressed, StandardCharsets.ISO_8859_1));
      }
      int[] runs = new int[counts.length];
      for (int i = 0; i < runs.length; i++) {
        if (!isCount(counts[i])) {
          values.fail("segmentation.counts[" + i + "]", "not a run length: " + counts[i]);
          return null;
        }
        runs[i] = (int) counts[i];
      }
      return new Segmentation.CountsRle(new Rle(h, w, runs));
    } catch (IllegalArgumentException e) {
      values.fail("segmentation.counts", e.getMessage());
      return null;
    }
  }

  private static boolean isCount(double v) {
    return v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v);
  }

  private void required(Object value, String field) {
    if (value == null && !values.failed()) {
      values.fail(field, "missing");
    }
  }

  private void positive(Long value, String field) {
    required(value, field);
    if (value != null && (value <= 0 || value > 1 << 20)) {
      values.fail(field, "must be a positive integer up to 2^20, got " + value);
    }
  }
}

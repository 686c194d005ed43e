package org.mlpvision.datasets.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;

/**
 * Reads one image, category or annotation object from the stream and checks every field on its own
 * (types, ranges, polygon sizes, RLE sums). Cross references (unknown images or categories) are
 * checked by {@link CocoReader} once the whole file is read.
 */
final class CocoItemParser {
  /** An item whose object was read but is invalid: its label, the field and the problem. */
  record Invalid(String item, String field, String problem) {}

  private final JsonValues values = new JsonValues();
  private Invalid invalid;

  /** The problem of the last item read, or null when it was valid. */
  Invalid invalid() {
    return invalid;
  }

  private void finish(String item) {
    invalid = values.failed() ? new Invalid(item, values.problemField(), values.problem()) : null;
  }

  private static String label(String kind, Long id, int index) {
    return id != null ? kind + " " + id : kind + " at index " + index + " (no valid id)";
  }

  private boolean startObject(JsonParser p, String kind) throws IOException {
    values.reset();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      values.fail("", "expected a " + kind + " object, got " + JsonValues.describe(p));
      JsonValues.skip(p);
      return false;
    }
    return true;
  }

  /** Reads an image; null when invalid (see {@link #invalid()}). */
  CocoImage image(JsonParser p, int index) throws IOException {
    Long id = null;
    String fileName = null;
    Long width = null;
    Long height = null;
    if (startObject(p, "image")) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "id" -> id = values.integer(p, "id");
          case "file_name" -> fileName = values.text(p, "file_name");
          case "width" -> width = values.integer(p, "width");
          case "height" -> height = values.integer(p, "height");
          default -> JsonValues.skip(p);
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
    finish(label("image", id, index));
    return invalid == null
        ? new CocoImage(id, fileName, width.intValue(), height.intValue())
        : null;
  }

  /** Reads a category; null when invalid. */
  CocoCategory category(JsonParser p, int index) throws IOException {
    Long id = null;
    String name = null;
    String supercategory = "";
    if (startObject(p, "category")) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> id = values.integer(p, "id");
          case "name" -> name = values.text(p, "name");
          case "supercategory" -> supercategory = values.text(p, "supercategory");
          default -> JsonValues.skip(p);
        }
      }
    }
    required(id, "id");
    required(name, "name");
    finish(label("category", id, index));
    return invalid == null ? new CocoCategory(id, name, supercategory) : null;
  }

  /** Reads an annotation; null when invalid. {@code area} is NaN when the file has none. */
  CocoAnnotation annotation(JsonParser p, int index) throws IOException {
    Long id = null;
    Long imageId = null;
    Long categoryId = null;
    double[] bbox = null;
    Double area = null;
    boolean hasArea = false;
    Long crowd = 0L;
    Segmentation segmentation = null;
    if (startObject(p, "annotation")) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "id" -> id = values.integer(p, "id");
          case "image_id" -> imageId = values.integer(p, "image_id");
          case "category_id" -> categoryId = values.integer(p, "category_id");
          case "bbox" -> bbox = values.numbers(p, "bbox");
          case "area" -> {
            hasArea = true;
            area = values.number(p, "area");
          }
          case "iscrowd" -> crowd = values.integer(p, "iscrowd");
          case "segmentation" -> segmentation = segmentation(p);
          default -> JsonValues.skip(p);
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
    finish(label("annotation", id, index));
    if (invalid != null) {
      return null;
    }
    double a = hasArea ? area : Double.NaN;
    return new CocoAnnotation(id, imageId, categoryId, bbox, a, crowd == 1, segmentation);
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
      if (!Double.isFinite(bbox[i]) || bbox[i] < 0) {
        values.fail("bbox", names[i] + " must be a finite number >= 0, got " + bbox[i]);
        return;
      }
    }
  }

  private Segmentation segmentation(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.START_ARRAY) {
      List<double[]> polygons = new ArrayList<>();
      boolean ok = true;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String field = "segmentation[" + polygons.size() + "]";
        double[] xy = values.numbers(p, field);
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
    if (p.currentToken() == JsonToken.START_OBJECT) {
      return rle(p);
    }
    values.fail("segmentation", "expected polygons or RLE, got " + JsonValues.describe(p));
    JsonValues.skip(p);
    return null;
  }

  private Segmentation rle(JsonParser p) throws IOException {
    double[] size = null;
    double[] counts = null;
    String compressed = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "size" -> size = values.numbers(p, "segmentation.size");
        case "counts" -> {
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            compressed = p.getText();
          } else {
            counts = values.numbers(p, "segmentation.counts");
          }
        }
        default -> JsonValues.skip(p);
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
        RleString.decode(compressed, h, w); // validate once; kept compact as the string
        return new Segmentation.CompressedRle(h, w, compressed);
      }
      int[] c = new int[counts.length];
      for (int i = 0; i < c.length; i++) {
        if (!isCount(counts[i])) {
          values.fail("segmentation.counts[" + i + "]", "not a run length: " + counts[i]);
          return null;
        }
        c[i] = (int) counts[i];
      }
      return new Segmentation.CountsRle(new Rle(h, w, c));
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

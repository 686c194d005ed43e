package org.mlpvision.eval.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.mask.PolygonRasterizer;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleOps;
import org.mlpvision.datasets.mask.RleString;

/**
 * Reads the standard COCO results JSON (an array of {@code {image_id, category_id, bbox, score,
 * segmentation}}) token by token, with pycocotools' {@code loadRes} rules: when the first result
 * has a non-empty {@code bbox}, every result's area is its box area (and in segm, a result without
 * a segmentation gets its box as a polygon); otherwise areas and boxes come from the masks.
 *
 * <p>Bad input is a {@link DatasetException} naming the file, the result's position and the field:
 * an empty file, unknown image or category ids, missing, NaN or negative scores, malformed boxes,
 * malformed RLEs.
 */
public final class CocoResultsReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // Python's json writes NaN and Infinity; parse them so the error names the field.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private final String source;
  private final GroundTruthSet gt;
  private final IouType iouType;
  private Boolean boxMode;

  private CocoResultsReader(String source, GroundTruthSet gt, IouType iouType) {
    this.source = source;
    this.gt = gt;
    this.iouType = iouType;
  }

  /**
   * Reads a results file into detections per image id, each image's in file order.
   *
   * @throws DatasetException naming the file, result and field of the first problem
   */
  public static Map<Long, List<Detection>> read(Path file, GroundTruthSet gt, IouType iouType) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file.toString(), "", "", "results file not found");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), gt, iouType);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "", "", "cannot read: " + e.getMessage());
    }
  }

  /** Reads results from a stream; {@code source} names it in errors. */
  public static Map<Long, List<Detection>> read(
      InputStream in, String source, GroundTruthSet gt, IouType iouType) {
    return new CocoResultsReader(source, gt, iouType).parse(in);
  }

  private Map<Long, List<Detection>> parse(InputStream in) {
    List<Raw> raws = new ArrayList<>();
    int index = 0;
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new DatasetException(source, "", "", "expected a JSON array of results");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw fail(index, "", "expected an object, got " + p.currentToken());
        }
        Raw r = readObject(p, index);
        if (boxMode == null) {
          // loadRes decides from the first result alone.
          boxMode = r.bbox != null && r.bbox.length > 0;
        }
        raws.add(r);
        index++;
      }
      if (p.nextToken() != null) {
        throw new DatasetException(source, "", "", "unexpected content after the results array");
      }
    } catch (JsonParseException e) {
      throw DatasetException.malformedJson(source, index > 0 ? "result " + index : "", e);
    } catch (IOException e) {
      throw new DatasetException(source, "", "", "cannot read: " + e.getMessage());
    }
    if (index == 0) {
      throw new DatasetException(source, "", "", "the results file is empty (no detections)");
    }
    // Checking and mask decoding run in parallel; the first bad result in file order is reported.
    int n = raws.size();
    Detection[] dets = new Detection[n];
    RuntimeException[] errors = new RuntimeException[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              try {
                dets[i] = toDetection(raws.get(i), i);
              } catch (RuntimeException e) {
                errors[i] = e;
              }
            });
    Map<Long, List<Detection>> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (errors[i] != null) {
        throw errors[i];
      }
      out.computeIfAbsent(raws.get(i).imageId, k -> new ArrayList<>()).add(dets[i]);
    }
    return out;
  }

  /** A compressed RLE kept as read, decoded in the parallel pass. */
  private record Compressed(int height, int width, String counts) {}

  /** The fields of one result as they appear. */
  private static final class Raw {
    Long imageId;
    Long categoryId;
    double[] bbox;
    Double score;
    Object segmentation; // Rle, Compressed or List<double[]> polygons
  }

  private Raw readObject(JsonParser p, int index) throws IOException {
    Raw r = new Raw();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "image_id" -> r.imageId = integer(p, index, field);
        case "category_id" -> r.categoryId = integer(p, index, field);
        case "score" -> r.score = number(p, index, field);
        case "bbox" -> r.bbox = numbers(p, index, field);
        case "segmentation" -> {
          if (iouType == IouType.BBOX && Boolean.TRUE.equals(boxMode)) {
            p.skipChildren(); // box evaluation of box results never reads the masks
          } else {
            r.segmentation = segmentation(p, index);
          }
        }
        default -> p.skipChildren();
      }
      if (t == null) {
        throw fail(index, field, "unexpected end of file");
      }
    }
    return r;
  }

  private Detection toDetection(Raw r, int index) {
    if (r.imageId == null) {
      throw fail(index, "image_id", "missing");
    }
    int img = gt.imageIndex(r.imageId);
    if (img < 0) {
      throw fail(index, "image_id", r.imageId + " is not an image of the ground truth");
    }
    if (r.categoryId == null) {
      throw fail(index, "category_id", "missing");
    }
    if (r.categoryId > Integer.MAX_VALUE
        || r.categoryId < Integer.MIN_VALUE
        || gt.categoryIndex((int) (long) r.categoryId) < 0) {
      throw fail(index, "category_id", r.categoryId + " is not a category of the ground truth");
    }
    int cat = (int) (long) r.categoryId;
    if (r.score == null) {
      throw fail(index, "score", "missing");
    }
    if (!Double.isFinite(r.score) || r.score < 0) {
      throw fail(index, "score", "must be a finite number >= 0, got " + r.score);
    }
    if (boxMode) {
      if (r.bbox == null) {
        throw fail(index, "bbox", "missing (the first result has one, so every result needs one)");
      }
      checkBox(r.bbox, index);
    } else if (r.segmentation == null) {
      throw fail(index, "segmentation", "missing (the first result has no bbox)");
    }
    if (iouType == IouType.BBOX && boxMode) {
      return Detection.box(cat, r.bbox, r.score);
    }
    int h = gt.height(img);
    int w = gt.width(img);
    Rle mask;
    try {
      mask = toRle(r.segmentation, h, w, r.bbox, index);
    } catch (IllegalArgumentException e) {
      throw fail(index, "segmentation", e.getMessage());
    }
    if (boxMode) {
      return new Detection(cat, r.bbox, r.score, mask, r.bbox[2] * r.bbox[3]);
    }
    // Mask-only results: area from the mask, box from the mask unless the result has its own.
    boolean ownBox = r.bbox != null && r.bbox.length == 4;
    if (ownBox) {
      checkBox(r.bbox, index);
    }
    double[] box = ownBox ? r.bbox : mask.bbox();
    return new Detection(cat, box, r.score, iouType == IouType.SEGM ? mask : null, mask.area());
  }

  @SuppressWarnings("unchecked")
  private Rle toRle(Object seg, int h, int w, double[] bbox, int index) {
    if (seg == null) {
      // loadRes invents the box polygon [x1,y1, x1,y2, x2,y2, x2,y1]
      double x1 = bbox[0];
      double y1 = bbox[1];
      double x2 = bbox[0] + bbox[2];
      double y2 = bbox[1] + bbox[3];
      return PolygonRasterizer.polygon(new double[] {x1, y1, x1, y2, x2, y2, x2, y1}, h, w);
    }
    if (seg instanceof Rle rle) {
      return rle;
    }
    if (seg instanceof Compressed c) {
      return RleString.decode(c.counts(), c.height(), c.width());
    }
    List<double[]> polygons = (List<double[]>) seg;
    if (polygons.isEmpty()) {
      throw fail(index, "segmentation", "empty polygon list");
    }
    int first = polygons.get(0).length;
    if (first < 4) {
      throw fail(
          index, "segmentation", "a polygon needs at least 3 points, got " + first + " numbers");
    }
    if (first == 4) {
      // frPyObjects reads a list whose first entry has 4 numbers as boxes, not polygons.
      List<Rle> boxes = new ArrayList<>();
      for (double[] b : polygons) {
        if (b.length != 4) {
          throw fail(index, "segmentation", "a list of boxes needs 4 numbers each");
        }
        boxes.add(PolygonRasterizer.box(b, h, w));
      }
      return RleOps.merge(boxes, false);
    }
    return PolygonRasterizer.polygons(polygons, h, w);
  }

  private void checkBox(double[] b, int index) {
    if (b.length != 4) {
      throw fail(index, "bbox", "expected 4 numbers [x,y,w,h], got " + b.length);
    }
    for (double v : b) {
      if (!Double.isFinite(v)) {
        throw fail(index, "bbox", "must be finite, got " + java.util.Arrays.toString(b));
      }
    }
    if (b[2] < 0 || b[3] < 0) {
      throw fail(index, "bbox", "negative width or height: " + java.util.Arrays.toString(b));
    }
  }

  private Object segmentation(JsonParser p, int index) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      int[] size = null;
      String counts = null;
      List<Integer> countList = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if (f.equals("size")) {
          double[] s = numbers(p, index, "segmentation.size");
          if (s.length != 2
              || s[0] < 0
              || s[1] < 0
              || s[0] != Math.rint(s[0])
              || s[1] != Math.rint(s[1])) {
            throw fail(index, "segmentation.size", "expected [height, width]");
          }
          size = new int[] {(int) s[0], (int) s[1]};
        } else if (f.equals("counts")) {
          if (t == JsonToken.VALUE_STRING) {
            counts = p.getText();
          } else if (t == JsonToken.START_ARRAY) {
            countList = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw fail(index, "segmentation.counts", "expected integers");
              }
              countList.add(p.getIntValue());
            }
          } else {
            throw fail(index, "segmentation.counts", "expected a string or a list of integers");
          }
        } else {
          p.skipChildren();
        }
      }
      if (size == null || (counts == null && countList == null)) {
        throw fail(index, "segmentation", "an RLE needs size and counts");
      }
      try {
        if (counts != null) {
          return new Compressed(size[0], size[1], counts);
        }
        return new Rle(size[0], size[1], countList.stream().mapToInt(Integer::intValue).toArray());
      } catch (IllegalArgumentException e) {
        throw fail(index, "segmentation", e.getMessage());
      }
    }
    if (p.currentToken() == JsonToken.START_ARRAY) {
      List<double[]> polygons = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw fail(index, "segmentation", "expected polygons (lists of numbers)");
        }
        polygons.add(numbersInArray(p, index, "segmentation"));
      }
      return polygons;
    }
    throw fail(index, "segmentation", "expected an RLE object or a list of polygons");
  }

  private long integer(JsonParser p, int index, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      double v = p.getDoubleValue();
      if (v == Math.rint(v) && Math.abs(v) < 9e15) {
        return (long) v;
      }
    }
    throw fail(index, field, "expected an integer id, got " + p.getText());
  }

  private double number(JsonParser p, int index, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    throw fail(index, field, "expected a number, got " + p.getText());
  }

  private double[] numbers(JsonParser p, int index, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw fail(index, field, "expected a list of numbers, got " + p.getText());
    }
    return numbersInArray(p, index, field);
  }

  private double[] numbersInArray(JsonParser p, int index, String field) throws IOException {
    double[] buf = new double[8];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = number(p, index, field);
    }
    return java.util.Arrays.copyOf(buf, n);
  }

  private DatasetException fail(int index, String field, String problem) {
    return new DatasetException(source, "result " + index, field, problem);
  }
}

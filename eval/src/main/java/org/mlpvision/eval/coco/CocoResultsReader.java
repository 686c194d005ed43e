package org.mlpvision.eval.coco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.json.JsonCursor;
import org.mlpvision.datasets.json.JsonCursor.Kind;
import org.mlpvision.datasets.json.JsonDocument;
import org.mlpvision.datasets.json.JsonSyntaxException;
import org.mlpvision.datasets.json.ParallelArrayReader;
import org.mlpvision.datasets.json.ParallelArrayReader.ElementFailure;
import org.mlpvision.datasets.json.ParallelArrayReader.Piece;
import org.mlpvision.datasets.mask.PolygonRasterizer;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleOps;
import org.mlpvision.datasets.mask.RleString;

/**
 * Reads the standard COCO results JSON (an array of {@code {image_id, category_id, bbox, score,
 * segmentation}}) with pycocotools' {@code loadRes} rules: when the first result has a non-empty
 * {@code bbox}, every result's area is its box area (and in segm, a result without a segmentation
 * gets its box as a polygon); otherwise areas and boxes come from the masks. Results of a category
 * the ground truth does not have are left out and counted, as COCOeval never looks at them; scores
 * may be any finite number (logits too).
 *
 * <p>The file is read on all cores straight into {@link Detection}s, see {@link
 * ParallelArrayReader}. Compressed masks are checked as they are read and decoded only when the
 * evaluation needs them ({@link RleString#lazy}); box evaluation of box results skips them unread.
 *
 * <p>Bad input is a {@link DatasetException} naming the file, the result's position and the field
 * of the first problem in file order: an empty file, unknown image ids, missing, NaN or infinite
 * scores, malformed boxes, malformed RLEs.
 */
public final class CocoResultsReader {
  private static final byte[][] FIELDS =
      JsonCursor.names("image_id", "category_id", "bbox", "score", "segmentation");
  private static final byte[][] RLE_FIELDS = JsonCursor.names("size", "counts");

  private final String source;
  private final GroundTruthSet gt;
  private final IouType iouType;
  private boolean boxMode;

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
  public static CocoResults read(Path file, GroundTruthSet gt, IouType iouType) {
    return read(file, document(file), gt, iouType);
  }

  /**
   * Reads the bytes of a results file, for {@link #read(Path, JsonDocument, GroundTruthSet,
   * IouType)}: a caller can read them while it reads the ground truth.
   *
   * @throws DatasetException naming the file when it is missing or cannot be read
   */
  public static JsonDocument document(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file.toString(), "", "", "results file not found");
    }
    try {
      return JsonDocument.read(file);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "", "", "cannot read: " + e.getMessage());
    }
  }

  /** Reads the results in {@code doc}, the bytes of {@code file} from {@link #document}. */
  public static CocoResults read(Path file, JsonDocument doc, GroundTruthSet gt, IouType iouType) {
    return new CocoResultsReader(file.toString(), gt, iouType).parse(doc);
  }

  /** Reads results from a stream; {@code source} names it in errors. */
  public static CocoResults read(
      InputStream in, String source, GroundTruthSet gt, IouType iouType) {
    JsonDocument doc;
    try {
      doc = JsonDocument.read(in);
    } catch (IOException e) {
      throw new DatasetException(source, "", "", "cannot read: " + e.getMessage());
    }
    return new CocoResultsReader(source, gt, iouType).parse(doc);
  }

  /** A problem with one result's field; the reader adds the file and the result's position. */
  private static final class Problem extends RuntimeException {
    final String field;

    Problem(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /** The detections one thread read, with their image positions, in file order. */
  private static final class Found {
    final Fields fields = new Fields();
    final List<Detection> detections = new ArrayList<>();
    final Map<Long, Integer> ignored = new HashMap<>(); // per category id
    int[] images = new int[1024];

    void add(int image, Detection d) {
      if (detections.size() == images.length) {
        images = Arrays.copyOf(images, images.length * 2);
      }
      images[detections.size()] = image;
      detections.add(d);
    }
  }

  /** The fields of one result as they appear (one instance per thread, reused). */
  private static final class Fields {
    boolean hasImageId;
    long imageId;
    boolean hasCategoryId;
    long categoryId;
    double[] bbox;
    boolean hasScore;
    double score;
    Object segmentation; // Rle, List<double[]> polygons, or null
    double[] numbers = new double[64];

    void clear() {
      hasImageId = false;
      hasCategoryId = false;
      bbox = null;
      hasScore = false;
      segmentation = null;
    }
  }

  private CocoResults parse(JsonDocument doc) {
    List<Piece<Found>> pieces;
    try {
      JsonCursor c = doc.cursor();
      if (c.peek() != '[') {
        throw new DatasetException(source, "", "", "expected a JSON array of results");
      }
      boxMode = firstHasBox(doc);
      pieces =
          ParallelArrayReader.read(doc, c, Found::new, (cursor, found, i) -> read(cursor, found));
      if (!c.atEnd()) {
        throw new DatasetException(source, "", "", "unexpected content after the results array");
      }
    } catch (JsonSyntaxException e) {
      throw malformed(doc, "", e);
    } catch (ElementFailure e) {
      String item = "result " + e.index();
      if (e.getCause() instanceof Problem p) {
        throw new DatasetException(source, item, p.field, p.getMessage());
      }
      if (e.getCause() instanceof JsonSyntaxException s) {
        throw malformed(doc, item, s);
      }
      throw (RuntimeException) e.getCause();
    }
    Piece<Found> last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
    if (last == null || last.firstIndex() + last.count() == 0) {
      throw new DatasetException(source, "", "", "the results file is empty (no detections)");
    }
    // Group per image in order of first appearance, each image's detections in file order.
    @SuppressWarnings("unchecked")
    List<Detection>[] perImage = new List[gt.imageCount()];
    Map<Long, List<Detection>> out = new LinkedHashMap<>();
    SortedMap<Long, Integer> ignored = new TreeMap<>();
    int count = 0;
    for (Piece<Found> piece : pieces) {
      Found f = piece.state();
      f.ignored.forEach((category, n) -> ignored.merge(category, n, Integer::sum));
      count += f.detections.size();
      for (int i = 0; i < f.detections.size(); i++) {
        int image = f.images[i];
        if (perImage[image] == null) {
          perImage[image] = new ArrayList<>();
          out.put(gt.imageId(image), perImage[image]);
        }
        perImage[image].add(f.detections.get(i));
      }
    }
    return new CocoResults(out, count, ignored);
  }

  /** loadRes decides box or mask mode from the first result alone. */
  private boolean firstHasBox(JsonDocument doc) {
    JsonCursor c = doc.cursor();
    c.enterArray();
    if (!c.nextElement()) {
      return false;
    }
    Fields f = new Fields();
    try {
      readFields(c, f, true);
    } catch (RuntimeException e) {
      return false; // the full read reports the problem with result 0
    }
    return f.bbox != null && f.bbox.length > 0;
  }

  private DatasetException malformed(JsonDocument doc, String item, JsonSyntaxException e) {
    return new DatasetException(source, item, "", doc.describe(e));
  }

  private void read(JsonCursor c, Found found) {
    Fields f = found.fields;
    f.clear();
    // Box evaluation of box results never reads the masks: skip them unparsed.
    readFields(c, f, !(iouType == IouType.BBOX && boxMode));
    if (!f.hasImageId) {
      throw new Problem("image_id", "missing");
    }
    int img = gt.imageIndex(f.imageId);
    if (img < 0) {
      throw new Problem("image_id", f.imageId + " is not an image of the ground truth");
    }
    if (!f.hasCategoryId) {
      throw new Problem("category_id", "missing");
    }
    if (!f.hasScore) {
      throw new Problem("score", "missing");
    }
    double score = f.score;
    if (!Double.isFinite(score)) {
      throw new Problem("score", "must be a finite number, got " + score);
    }
    if (f.categoryId > Integer.MAX_VALUE
        || f.categoryId < Integer.MIN_VALUE
        || gt.categoryIndex((int) f.categoryId) < 0) {
      found.ignored.merge(f.categoryId, 1, Integer::sum);
      return;
    }
    int cat = (int) f.categoryId;
    if (boxMode) {
      if (f.bbox == null) {
        throw new Problem("bbox", "missing (the first result has one, so every result needs one)");
      }
      checkBox(f.bbox);
    } else if (f.segmentation == null) {
      throw new Problem("segmentation", "missing (the first result has no bbox)");
    }
    if (iouType == IouType.BBOX && boxMode) {
      found.add(img, Detection.box(cat, f.bbox, score));
      return;
    }
    Rle mask;
    try {
      mask = toRle(f.segmentation, gt.height(img), gt.width(img), f.bbox);
    } catch (IllegalArgumentException e) {
      throw new Problem("segmentation", e.getMessage());
    }
    if (boxMode) {
      found.add(img, new Detection(cat, f.bbox, score, mask, f.bbox[2] * f.bbox[3]));
      return;
    }
    // Mask-only results: area from the mask, box from the mask unless the result has its own.
    boolean ownBox = f.bbox != null && f.bbox.length == 4;
    if (ownBox) {
      checkBox(f.bbox);
    }
    double[] box = ownBox ? f.bbox : mask.bbox();
    found.add(
        img, new Detection(cat, box, score, iouType == IouType.SEGM ? mask : null, mask.area()));
  }

  private void readFields(JsonCursor c, Fields f, boolean masks) {
    if (c.kind() != Kind.OBJECT) {
      throw new Problem("", "expected an object, got " + c.describeValue());
    }
    c.enterObject();
    int field;
    while ((field = c.nextField(FIELDS)) != JsonCursor.END) {
      switch (field) {
        case 0 -> {
          f.imageId = integer(c, "image_id");
          f.hasImageId = true;
        }
        case 1 -> {
          f.categoryId = integer(c, "category_id");
          f.hasCategoryId = true;
        }
        case 2 -> f.bbox = numbers(c, f, "bbox");
        case 3 -> {
          f.score = number(c, "score");
          f.hasScore = true;
        }
        case 4 -> {
          if (masks) {
            f.segmentation = segmentation(c, f);
          } else {
            c.skipValue();
          }
        }
        default -> c.skipValue();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Rle toRle(Object seg, int h, int w, double[] bbox) {
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
    List<double[]> polygons = (List<double[]>) seg;
    if (polygons.isEmpty()) {
      throw new Problem("segmentation", "empty polygon list");
    }
    int first = polygons.get(0).length;
    if (first < 4) {
      throw new Problem(
          "segmentation", "a polygon needs at least 3 points, got " + first + " numbers");
    }
    if (first == 4) {
      // frPyObjects reads a list whose first entry has 4 numbers as boxes, not polygons.
      List<Rle> boxes = new ArrayList<>();
      for (double[] b : polygons) {
        if (b.length != 4) {
          throw new Problem("segmentation", "a list of boxes needs 4 numbers each");
        }
        boxes.add(PolygonRasterizer.box(b, h, w));
      }
      return RleOps.merge(boxes, false);
    }
    return PolygonRasterizer.polygons(polygons, h, w);
  }

  private static void checkBox(double[] b) {
    if (b.length != 4) {
      throw new Problem("bbox", "expected 4 numbers [x,y,w,h], got " + b.length);
    }
    for (double v : b) {
      if (!Double.isFinite(v)) {
        throw new Problem("bbox", "must be finite, got " + Arrays.toString(b));
      }
    }
    if (b[2] < 0 || b[3] < 0) {
      throw new Problem("bbox", "negative width or height: " + Arrays.toString(b));
    }
  }

  /** An RLE (decoded here, by the reading thread) or a list of polygons. */
  private Object segmentation(JsonCursor c, Fields f) {
    Kind kind = c.kind();
    if (kind == Kind.OBJECT) {
      return rle(c, f);
    }
    if (kind == Kind.ARRAY) {
      List<double[]> polygons = new ArrayList<>();
      c.enterArray();
      while (c.nextElement()) {
        if (c.kind() != Kind.ARRAY) {
          throw new Problem("segmentation", "expected polygons (lists of numbers)");
        }
        polygons.add(numbers(c, f, "segmentation"));
      }
      return polygons;
    }
    throw new Problem("segmentation", "expected an RLE object or a list of polygons");
  }

  private Rle rle(JsonCursor c, Fields f) {
    int[] size = null;
    byte[] counts = null; // a compressed string: the file's own bytes, or a copy when escaped
    int from = 0;
    int to = 0;
    int[] countList = null;
    c.enterObject();
    int field;
    while ((field = c.nextField(RLE_FIELDS)) != JsonCursor.END) {
      if (field == 0) {
        double[] s = numbers(c, f, "segmentation.size");
        if (s.length != 2
            || s[0] < 0
            || s[1] < 0
            || s[0] != Math.rint(s[0])
            || s[1] != Math.rint(s[1])
            || s[0] > Integer.MAX_VALUE
            || s[1] > Integer.MAX_VALUE) {
          throw new Problem("segmentation.size", "expected [height, width]");
        }
        size = new int[] {(int) s[0], (int) s[1]};
      } else if (field == 1) {
        Kind kind = c.kind();
        if (kind == Kind.STRING) {
          c.readStringBytes();
          boolean shared = c.stringShared();
          counts =
              shared
                  ? c.stringSource()
                  : Arrays.copyOfRange(c.stringSource(), c.stringStart(), c.stringEnd());
          from = shared ? c.stringStart() : 0;
          to = shared ? c.stringEnd() : counts.length;
          countList = null;
        } else if (kind == Kind.ARRAY) {
          countList = counts(c);
          counts = null;
        } else {
          throw new Problem("segmentation.counts", "expected a string or a list of integers");
        }
      } else {
        c.skipValue();
      }
    }
    if (size == null || (counts == null && countList == null)) {
      throw new Problem("segmentation", "an RLE needs size and counts");
    }
    try {
      // A compressed mask is checked now and decoded when the evaluation needs its runs.
      return counts != null
          ? RleString.lazy(counts, from, to, size[0], size[1])
          : new Rle(size[0], size[1], countList);
    } catch (IllegalArgumentException e) {
      throw new Problem("segmentation", e.getMessage());
    }
  }

  private static int[] counts(JsonCursor c) {
    int[] out = new int[16];
    int n = 0;
    c.enterArray();
    while (c.nextElement()) {
      if (c.kind() != Kind.NUMBER) {
        throw new Problem("segmentation.counts", "expected integers");
      }
      c.readNumber();
      if (!c.wasInteger() || !c.longInRange() || Math.abs(c.longValue()) > Integer.MAX_VALUE) {
        throw new Problem("segmentation.counts", "expected integers");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = (int) c.longValue();
    }
    return Arrays.copyOf(out, n);
  }

  private static long integer(JsonCursor c, String field) {
    if (c.kind() == Kind.NUMBER) {
      double v = c.readNumber();
      if (c.wasInteger() && c.longInRange()) {
        return c.longValue();
      }
      if (!c.wasInteger() && v == Math.rint(v) && Math.abs(v) < 9e15) {
        return (long) v;
      }
      throw new Problem(field, "expected an integer id, got " + c.numberText());
    }
    throw new Problem(field, "expected an integer id, got " + c.describeValue());
  }

  private static double number(JsonCursor c, String field) {
    if (c.kind() == Kind.NUMBER) {
      return c.readNumber();
    }
    throw new Problem(field, "expected a number, got " + c.describeValue());
  }

  private static double[] numbers(JsonCursor c, Fields f, String field) {
    if (c.kind() != Kind.ARRAY) {
      throw new Problem(field, "expected a list of numbers, got " + c.describeValue());
    }
    c.enterArray();
    double[] buf = f.numbers;
    int n = 0;
    while (c.nextElement()) {
      if (n == buf.length) {
        buf = f.numbers = Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = number(c, field);
    }
    return Arrays.copyOf(buf, n);
  }
}

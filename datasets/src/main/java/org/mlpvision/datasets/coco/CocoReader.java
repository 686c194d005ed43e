package org.mlpvision.datasets.coco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.json.JsonCursor;
import org.mlpvision.datasets.json.JsonDocument;
import org.mlpvision.datasets.json.JsonSyntaxException;
import org.mlpvision.datasets.json.ParallelArrayReader;
import org.mlpvision.datasets.json.ParallelArrayReader.ElementFailure;
import org.mlpvision.datasets.json.ParallelArrayReader.Piece;
import org.mlpvision.datasets.mask.Rle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a COCO instances JSON file and cross-checks it: unique ids, annotations pointing at known
 * images and categories, RLE sizes matching their image. The file's arrays are parsed on all cores
 * straight into the records (see {@link ParallelArrayReader}); compressed RLEs are checked once and
 * kept as their strings. The file's bytes are held only while it is parsed.
 *
 * <p>Every problem is a {@link DatasetException} naming the file, the item and the field; the first
 * problem in file order is reported. With {@code skipInvalid} an invalid item is logged and counted
 * in {@link CocoDataset#skipped()} instead, except malformed JSON, which cannot be skipped past.
 */
public final class CocoReader {
  private static final Logger LOG = LoggerFactory.getLogger(CocoReader.class);
  private static final byte[][] SECTIONS = JsonCursor.names("images", "categories", "annotations");

  private final String source;
  private final boolean skipInvalid;
  private final List<String> skipped = new ArrayList<>();

  private CocoReader(String source, boolean skipInvalid) {
    this.source = source;
    this.skipInvalid = skipInvalid;
  }

  /** Reads and checks {@code file}; fails on the first invalid item. */
  public static CocoDataset read(Path file) {
    return read(file, false);
  }

  /** Reads and checks {@code file}, skipping (and logging) invalid items when asked. */
  public static CocoDataset read(Path file, boolean skipInvalid) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file.toString(), "", "", "annotation file not found");
    }
    JsonDocument doc;
    try {
      doc = JsonDocument.read(file);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "", "", "cannot read: " + e.getMessage());
    }
    return new CocoReader(file.toString(), skipInvalid).parse(doc);
  }

  /** Reads a COCO document from a stream; {@code source} names it in errors. */
  public static CocoDataset read(InputStream in, String source, boolean skipInvalid) {
    JsonDocument doc;
    try {
      doc = JsonDocument.read(in);
    } catch (IOException e) {
      throw new DatasetException(source, "", "", "cannot read: " + e.getMessage());
    }
    return new CocoReader(source, skipInvalid).parse(doc);
  }

  /** One section's items read by one thread, with the invalid ones. */
  private static final class Items<T> {
    final CocoItemParser parser = new CocoItemParser();
    final List<T> items = new ArrayList<>();
    final List<CocoItemParser.Invalid> invalid = new ArrayList<>();
  }

  /** Thrown by an element reader, without skipInvalid, so that file order decides what is told. */
  private static final class InvalidItem extends RuntimeException {
    final CocoItemParser.Invalid invalid;

    InvalidItem(CocoItemParser.Invalid invalid) {
      super(invalid.problem(), null, false, false);
      this.invalid = invalid;
    }
  }

  /** Reads one item with the piece's parser; null when invalid. */
  private interface ItemParser<T> {
    T parse(CocoItemParser parser, JsonCursor c, int index);
  }

  private CocoDataset parse(JsonDocument doc) {
    List<CocoImage> images = new ArrayList<>();
    List<CocoCategory> categories = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      JsonCursor c = doc.cursor();
      if (c.peek() != '{') {
        throw new DatasetException(source, "", "", "expected a JSON object at the top level");
      }
      c.enterObject();
      int f;
      while ((f = c.nextField(SECTIONS)) != JsonCursor.END) {
        switch (f) {
          case 0 -> readArray(doc, c, "images", seen, CocoItemParser::image, images);
          case 1 -> readArray(doc, c, "categories", seen, CocoItemParser::category, categories);
          case 2 -> readArray(doc, c, "annotations", seen, CocoItemParser::annotation, annotations);
          default -> c.skipValue();
        }
      }
      if (!c.atEnd()) {
        throw new DatasetException(source, "", "", "unexpected content after the top-level object");
      }
    } catch (JsonSyntaxException e) {
      throw malformed(doc, e);
    }
    for (String required : List.of("images", "categories")) {
      if (!seen.contains(required)) {
        throw new DatasetException(source, "", required, "missing");
      }
    }
    return crossCheck(images, categories, annotations);
  }

  private <T> void readArray(
      JsonDocument doc,
      JsonCursor c,
      String section,
      Set<String> seen,
      ItemParser<T> parser,
      List<T> into) {
    if (!seen.add(section)) {
      throw new DatasetException(source, "", section, "appears twice");
    }
    if (c.kind() != JsonCursor.Kind.ARRAY) {
      throw new DatasetException(
          source, "", section, "expected an array, got " + c.describeValue());
    }
    List<Piece<Items<T>>> pieces;
    try {
      pieces =
          ParallelArrayReader.read(
              doc,
              c,
              Items::new,
              (cursor, items, index) -> {
                T item = parser.parse(items.parser, cursor, index);
                if (item != null) {
                  items.items.add(item);
                } else if (skipInvalid) {
                  items.invalid.add(items.parser.invalid());
                } else {
                  throw new InvalidItem(items.parser.invalid());
                }
              });
    } catch (ElementFailure e) {
      if (e.getCause() instanceof InvalidItem bad) {
        CocoItemParser.Invalid v = bad.invalid;
        throw new DatasetException(source, label(v, e.index()), v.field(), v.problem());
      }
      if (e.getCause() instanceof JsonSyntaxException syntax) {
        throw malformed(doc, syntax);
      }
      throw (RuntimeException) e.getCause();
    }
    for (Piece<Items<T>> piece : pieces) {
      into.addAll(piece.state().items);
      for (CocoItemParser.Invalid v : piece.state().invalid) {
        reject(label(v, piece.firstIndex() + v.index()), v.field(), v.problem());
      }
    }
  }

  /** The item's label, with its index in its array section (the parser knows only its piece). */
  private static String label(CocoItemParser.Invalid v, int index) {
    return new CocoItemParser.Invalid(v.kind(), v.id(), index, v.field(), v.problem()).item();
  }

  private DatasetException malformed(JsonDocument doc, JsonSyntaxException e) {
    return new DatasetException(source, "", "", doc.describe(e));
  }

  private void reject(String item, String field, String problem) {
    DatasetException e = new DatasetException(source, item, field, problem);
    if (!skipInvalid) {
      throw e;
    }
    LOG.warn("skipped: {}", e.getMessage());
    skipped.add(e.getMessage());
  }

  private CocoDataset crossCheck(
      List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
    Map<Long, CocoImage> imageById = new HashMap<>();
    List<CocoImage> goodImages = new ArrayList<>(images.size());
    for (CocoImage im : images) {
      if (imageById.putIfAbsent(im.id(), im) != null) {
        reject("image " + im.id(), "id", "duplicate image id");
      } else {
        goodImages.add(im);
      }
    }
    Set<Long> categoryIds = new HashSet<>();
    List<CocoCategory> goodCategories = new ArrayList<>();
    for (CocoCategory c : categories) {
      if (!categoryIds.add(c.id())) {
        reject("category " + c.id(), "id", "duplicate category id");
      } else {
        goodCategories.add(c);
      }
    }
    Set<Long> annotationIds = new HashSet<>();
    List<CocoAnnotation> good = new ArrayList<>(annotations.size());
    for (CocoAnnotation a : annotations) {
      String item = "annotation " + a.id();
      CocoImage im = imageById.get(a.imageId());
      if (!annotationIds.add(a.id())) {
        reject(item, "id", "duplicate annotation id");
      } else if (im == null) {
        reject(item, "image_id", "unknown image " + a.imageId());
      } else if (!categoryIds.contains(a.categoryId())) {
        reject(item, "category_id", "unknown category " + a.categoryId());
      } else if (farOutside(a, im) >= 0) {
        reject(
            item,
            "segmentation[" + farOutside(a, im) + "]",
            "polygon coordinate far outside image "
                + im.id()
                + " ("
                + im.width()
                + "x"
                + im.height()
                + ")");
      } else if (!rleFits(a, im)) {
        reject(
            item,
            "segmentation.size",
            "mask size differs from image "
                + im.id()
                + " ("
                + im.height()
                + "x"
                + im.width()
                + ")");
      } else {
        good.add(Double.isNaN(a.area()) ? withDefaultArea(a, im) : a);
      }
    }
    return new CocoDataset(source, goodImages, goodCategories, good, skipped);
  }

  /**
   * Index of the first polygon with a coordinate more than one image size outside the image, or -1.
   * Such polygons are corrupt, and rasterizing them would walk an unbounded boundary.
   */
  private static int farOutside(CocoAnnotation a, CocoImage im) {
    if (!(a.segmentation() instanceof Segmentation.Polygons p)) {
      return -1;
    }
    for (int k = 0; k < p.size(); k++) {
      double[] xy = p.polygon(k);
      for (int i = 0; i + 1 < xy.length; i += 2) {
        if (xy[i] < -im.width()
            || xy[i] > 2.0 * im.width()
            || xy[i + 1] < -im.height()
            || xy[i + 1] > 2.0 * im.height()) {
          return k;
        }
      }
    }
    return -1;
  }

  private static boolean rleFits(CocoAnnotation a, CocoImage im) {
    int h;
    int w;
    if (a.segmentation() instanceof Segmentation.CountsRle c) {
      h = c.rle().height();
      w = c.rle().width();
    } else if (a.segmentation() instanceof Segmentation.CompressedRle c) {
      h = c.height();
      w = c.width();
    } else {
      return true;
    }
    return h == im.height() && w == im.width();
  }

  private static CocoAnnotation withDefaultArea(CocoAnnotation a, CocoImage im) {
    double area;
    if (a.segmentation() != null) {
      Rle rle = a.segmentation().toRle(im.height(), im.width());
      area = rle.area();
    } else {
      area = a.bbox()[2] * a.bbox()[3];
    }
    return new CocoAnnotation(
        a.id(),
        a.imageId(),
        a.categoryId(),
        a.bbox(),
        area,
        a.crowd(),
        a.segmentation(),
        a.ignore());
  }
}

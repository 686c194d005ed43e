package org.mlpvision.datasets.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
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
import org.mlpvision.datasets.mask.Rle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a COCO instances JSON file token by token (the raw text is never held, so the 450 MB
 * train2017 file needs only the memory of the parsed records) and cross-checks it: unique ids,
 * annotations pointing at known images and categories, RLE sizes matching their image.
 *
 * <p>Every problem is a {@link DatasetException} naming the file, the item and the field. With
 * {@code skipInvalid} an invalid item is logged and counted in {@link CocoDataset#skipped()}
 * instead, except malformed JSON, which cannot be skipped past.
 */
public final class CocoReader {
  private static final Logger LOG = LoggerFactory.getLogger(CocoReader.class);
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // NaN/Infinity (as Python's json writes them) parse, so they are reported per field.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Correctly rounded like Double.parseDouble (same bits), several times faster.
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private final String source;
  private final boolean skipInvalid;
  private final CocoItemParser items = new CocoItemParser();
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
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), skipInvalid);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "", "", "cannot read: " + e.getMessage());
    }
  }

  /** Reads a COCO document from a stream; {@code source} names it in errors. */
  public static CocoDataset read(InputStream in, String source, boolean skipInvalid) {
    return new CocoReader(source, skipInvalid).parse(in);
  }

  private CocoDataset parse(InputStream in) {
    List<CocoImage> images = new ArrayList<>();
    List<CocoCategory> categories = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DatasetException(source, "", "", "expected a JSON object at the top level");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        p.nextToken();
        switch (section) {
          case "images" -> readArray(p, section, seen, i -> add(items.image(p, i), images));
          case "categories" ->
              readArray(p, section, seen, i -> add(items.category(p, i), categories));
          case "annotations" ->
              readArray(p, section, seen, i -> add(items.annotation(p, i), annotations));
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new DatasetException(source, "", "", "unexpected content after the top-level object");
      }
    } catch (JsonParseException e) {
      throw DatasetException.malformedJson(source, "", e);
    } catch (IOException e) {
      throw new DatasetException(source, "", "", "cannot read: " + e.getMessage());
    }
    for (String required : List.of("images", "categories")) {
      if (!seen.contains(required)) {
        throw new DatasetException(source, "", required, "missing");
      }
    }
    return crossCheck(images, categories, annotations);
  }

  private interface Element {
    void read(int index) throws IOException;
  }

  private void readArray(JsonParser p, String section, Set<String> seen, Element element)
      throws IOException {
    if (!seen.add(section)) {
      throw new DatasetException(source, "", section, "appears twice");
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new DatasetException(
          source, "", section, "expected an array, got " + JsonValues.describe(p));
    }
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw new DatasetException(source, "", section, "unexpected end of file");
      }
      element.read(index++);
    }
  }

  private <T> void add(T item, List<T> into) {
    if (item != null) {
      into.add(item);
      return;
    }
    CocoItemParser.Invalid bad = items.invalid();
    reject(bad.item(), bad.field(), bad.problem());
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
        a.id(), a.imageId(), a.categoryId(), a.bbox(), area, a.crowd(), a.segmentation());
  }
}

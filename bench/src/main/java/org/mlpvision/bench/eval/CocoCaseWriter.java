package org.mlpvision.bench.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;
import org.mlpvision.eval.coco.Detection;
import org.mlpvision.eval.coco.GroundTruthObject;
import org.mlpvision.eval.coco.GroundTruthSet;

/**
 * Writes a {@link SyntheticCocoCase} as real files, {@code gt.json} (instances, masks as compressed
 * RLE) and {@code results.json} (boxes, scores and compressed-RLE masks, as mmdet writes them), so
 * the same case can be timed through {@code vision eval coco} and through pycocotools.
 */
public final class CocoCaseWriter {
  private CocoCaseWriter() {}

  /** Writes both files into {@code dir} (created when missing). */
  public static void write(SyntheticCocoCase c, Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonFactory f = new JsonFactory();
    GroundTruthSet gt = c.groundTruth();
    long[] ids = c.imageIds();
    try (JsonGenerator g = f.createGenerator(dir.resolve("gt.json").toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("images");
      for (long id : ids) {
        int i = gt.imageIndex(id);
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("file_name", id + ".jpg");
        g.writeNumberField("height", c.height(i));
        g.writeNumberField("width", c.width(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categories");
      for (int cat : gt.categoryIds()) {
        g.writeStartObject();
        g.writeNumberField("id", cat);
        g.writeStringField("name", "category" + cat);
        g.writeStringField("supercategory", "synthetic");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("annotations");
      for (GroundTruthObject o : c.objects()) {
        g.writeStartObject();
        g.writeNumberField("id", o.id());
        g.writeNumberField("image_id", o.imageId());
        g.writeNumberField("category_id", o.categoryId());
        box(g, o.bbox());
        g.writeNumberField("area", o.area());
        g.writeNumberField("iscrowd", o.crowd() ? 1 : 0);
        if (o.mask() != null) {
          rle(g, o.mask());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    try (JsonGenerator g =
        f.createGenerator(dir.resolve("results.json").toFile(), JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (int i = 0; i < ids.length; i++) {
        for (Detection d : c.detections(i)) {
          g.writeStartObject();
          g.writeNumberField("image_id", ids[i]);
          g.writeNumberField("category_id", d.categoryId());
          box(g, d.bbox());
          g.writeNumberField("score", d.score());
          if (d.mask() != null) {
            rle(g, d.mask());
          }
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
  }

  private static void box(JsonGenerator g, double[] b) throws IOException {
    g.writeArrayFieldStart("bbox");
    for (double v : b) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void rle(JsonGenerator g, Rle r) throws IOException {
    g.writeObjectFieldStart("segmentation");
    g.writeArrayFieldStart("size");
    g.writeNumber(r.height());
    g.writeNumber(r.width());
    g.writeEndArray();
    g.writeStringField("counts", RleString.encode(r));
    g.writeEndObject();
  }
}

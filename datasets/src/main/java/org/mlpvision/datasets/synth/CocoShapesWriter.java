package org.mlpvision.datasets.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.mask.PolygonRasterizer;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * {@code coco-shapes}: JPEG images of coloured shapes on textured backgrounds with a COCO instances
 * file per split ({@code annotations/instances_{train,val}2017.json}, images in {@code
 * {train,val}2017/}). Categories have sparse ids (1, 3, 4, 9) so the contiguous mapping matters;
 * instances are polygons (some split in two), some compressed RLE, and some images hold a crowd
 * region of small blobs as uncompressed RLE with {@code iscrowd=1}.
 */
public final class CocoShapesWriter {
  /** Category ids, names and base colours (BGR), in id order. */
  static final long[] CATEGORY_IDS = {1, 3, 4, 9};

  static final String[] NAMES = {"rectangle", "ellipse", "triangle", "star"};
  private static final int[][] COLOURS = {
    {40, 40, 220}, {220, 80, 40}, {40, 200, 60}, {30, 210, 230}
  };

  private CocoShapesWriter() {}

  /** Writes both splits; returns the annotation files written (train, val). */
  public static List<Path> write(SynthSpec spec) {
    List<Path> files = new ArrayList<>();
    files.add(writeSplit(spec, "train2017", 0, spec.images()));
    files.add(writeSplit(spec, "val2017", 1, spec.valImages()));
    return files;
  }

  private static Path writeSplit(SynthSpec spec, String split, int splitIndex, int count) {
    Path imageDir = spec.out().resolve(split);
    Path annFile = spec.out().resolve("annotations").resolve("instances_" + split + ".json");
    try {
      Files.createDirectories(imageDir);
      Files.createDirectories(annFile.getParent());
      try (JsonGenerator g =
          new JsonFactory().createGenerator(annFile.toFile(), JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "coco-shapes synthetic set");
        g.writeNumberField("seed", spec.seed());
        g.writeEndObject();
        g.writeArrayFieldStart("images");
        for (int i = 0; i < count; i++) {
          g.writeStartObject();
          g.writeNumberField("id", i + 1);
          g.writeStringField("file_name", fileName(i));
          g.writeNumberField("width", spec.width());
          g.writeNumberField("height", spec.height());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("annotations");
        long[] nextId = {1};
        for (int i = 0; i < count; i++) {
          drawImage(spec, splitIndex, i, imageDir.resolve(fileName(i)), g, nextId);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("categories");
        for (int c = 0; c < CATEGORY_IDS.length; c++) {
          g.writeStartObject();
          g.writeNumberField("id", CATEGORY_IDS[c]);
          g.writeStringField("name", NAMES[c]);
          g.writeStringField("supercategory", "shape");
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + annFile + ": " + e.getMessage(), e);
    }
    return annFile;
  }

  static String fileName(int index) {
    return String.format("%012d.jpg", index + 1);
  }

  private static void drawImage(
      SynthSpec spec, int split, int index, Path file, JsonGenerator g, long[] nextId)
      throws IOException {
    Random rnd = new Random(spec.imageSeed(split, index));
    int w = spec.width();
    int h = spec.height();
    long imageId = index + 1;
    List<double[]> taken = new ArrayList<>();
    try (Canvas canvas = new Canvas(w, h, rnd)) {
      int shapes = 1 + rnd.nextInt(5);
      for (int s = 0; s < shapes; s++) {
        double r = Math.min(w, h) * (0.08 + 0.14 * rnd.nextDouble());
        double[] box = place(rnd, w, h, r, taken);
        if (box == null) {
          continue;
        }
        int c = rnd.nextInt(CATEGORY_IDS.length);
        ShapeKind kind = ShapeKind.values()[c];
        double[] poly = kind.polygon(box[0] + r, box[1] + r, r, rnd);
        List<double[]> polygons =
            kind == ShapeKind.RECTANGLE && rnd.nextInt(3) == 0 ? split(poly) : List.of(poly);
        canvas.fill(polygons, Canvas.jitter(COLOURS[c], 30, rnd));
        Rle rle = PolygonRasterizer.polygons(polygons, h, w);
        if (rle.area() == 0) {
          continue;
        }
        boolean compressed = (index + s) % 4 == 3;
        writeAnnotation(
            g, nextId[0]++, imageId, CATEGORY_IDS[c], rle, false, compressed ? null : polygons);
      }
      if (index % 3 == 1) {
        crowd(canvas, rnd, imageId, taken, g, nextId);
      }
      ImageFiles.write(file, canvas.image, 92);
    }
  }

  /** A cluster of small blobs of one category, annotated as one crowd region (counts list). */
  private static void crowd(
      Canvas canvas, Random rnd, long imageId, List<double[]> taken, JsonGenerator g, long[] nextId)
      throws IOException {
    int w = canvas.width;
    int h = canvas.height;
    double r = Math.min(w, h) * 0.15;
    double[] box = place(rnd, w, h, r, taken);
    if (box == null) {
      return;
    }
    int c = rnd.nextInt(CATEGORY_IDS.length);
    Mat mask = Mat.zeros(h, w, CvType.CV_8UC1);
    try {
      int blobs = 5 + rnd.nextInt(5);
      Scalar colour = Canvas.jitter(COLOURS[c], 20, rnd);
      for (int b = 0; b < blobs; b++) {
        Point p = new Point(box[0] + rnd.nextDouble() * 2 * r, box[1] + rnd.nextDouble() * 2 * r);
        int radius = Math.max(1, (int) (r * (0.1 + 0.12 * rnd.nextDouble())));
        Imgproc.circle(mask, p, radius, new Scalar(1), -1);
        Imgproc.circle(canvas.image, p, radius, colour, -1);
      }
      byte[] bits = new byte[w * h];
      mask.get(0, 0, bits);
      Rle rle = Rle.fromBitmap(bits, h, w);
      if (rle.area() > 0) {
        writeAnnotation(g, nextId[0]++, imageId, CATEGORY_IDS[c], rle, true, null);
      }
    } finally {
      mask.release();
    }
  }

  /** A free square box {@code [x, y, 2r, 2r]} inside the image, or null after 30 tries. */
  private static double[] place(Random rnd, int w, int h, double r, List<double[]> taken) {
    for (int t = 0; t < 30; t++) {
      double x = rnd.nextDouble() * Math.max(1, w - 2 * r);
      double y = rnd.nextDouble() * Math.max(1, h - 2 * r);
      double[] box = {x, y, 2 * r, 2 * r};
      boolean free = true;
      for (double[] o : taken) {
        if (x < o[0] + o[2] + 2
            && o[0] < x + 2 * r + 2
            && y < o[1] + o[3] + 2
            && o[1] < y + 2 * r + 2) {
          free = false;
          break;
        }
      }
      if (free) {
        taken.add(box);
        return box;
      }
    }
    return null;
  }

  /** Splits a quadrilateral into left and right halves with a gap, as two polygons. */
  private static List<double[]> split(double[] q) {
    double[] a = {q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7]};
    double[] m1 = mid(a[0], a[1], a[2], a[3], 0.42);
    double[] m2 = mid(a[6], a[7], a[4], a[5], 0.42);
    double[] n1 = mid(a[0], a[1], a[2], a[3], 0.58);
    double[] n2 = mid(a[6], a[7], a[4], a[5], 0.58);
    return List.of(
        new double[] {a[0], a[1], m1[0], m1[1], m2[0], m2[1], a[6], a[7]},
        new double[] {n1[0], n1[1], a[2], a[3], a[4], a[5], n2[0], n2[1]});
  }

  private static double[] mid(double x1, double y1, double x2, double y2, double t) {
    return new double[] {
      Math.round((x1 + (x2 - x1) * t) * 100) / 100.0, Math.round((y1 + (y2 - y1) * t) * 100) / 100.0
    };
  }

  private static void writeAnnotation(
      JsonGenerator g,
      long id,
      long imageId,
      long categoryId,
      Rle rle,
      boolean crowd,
      List<double[]> polygons)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", id);
    g.writeNumberField("image_id", imageId);
    g.writeNumberField("category_id", categoryId);
    double[] b = rle.bbox();
    g.writeArrayFieldStart("bbox");
    for (double v : b) {
      g.writeNumber(v);
    }
    g.writeEndArray();
    g.writeNumberField("area", (double) rle.area());
    g.writeNumberField("iscrowd", crowd ? 1 : 0);
    g.writeFieldName("segmentation");
    if (polygons != null) {
      g.writeStartArray();
      for (double[] p : polygons) {
        g.writeArray(p, 0, p.length);
      }
      g.writeEndArray();
    } else {
      g.writeStartObject();
      g.writeArrayFieldStart("size");
      g.writeNumber(rle.height());
      g.writeNumber(rle.width());
      g.writeEndArray();
      if (crowd) {
        int[] counts = rle.counts();
        g.writeFieldName("counts");
        g.writeArray(counts, 0, counts.length);
      } else {
        g.writeStringField("counts", RleString.encode(rle));
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}

package org.mlpvision.bench.datasets;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;

/**
 * Parse benchmark of the streaming COCO reader: writes a COCO-like instances file (polygons of 8-40
 * points with 2-decimal coordinates as in train2017, 1% crowd regions as uncompressed RLE, 5
 * annotations per 640x480 image), then times {@link CocoReader#read} and records the heap: the peak
 * of the heap pools during the parse (an upper bound: it includes garbage not yet collected) and
 * the heap retained by the parsed data set after a GC.
 */
public final class CocoParseBench {
  private CocoParseBench() {}

  /** Writes the synthetic file with {@code annotations} annotations into {@code file}. */
  public static void writeFile(Path file, int annotations, long seed) throws IOException {
    Random rnd = new Random(seed);
    int images = Math.max(1, annotations / 5);
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeObjectFieldStart("info");
      g.writeStringField("description", "coco-parse benchmark file");
      g.writeEndObject();
      g.writeArrayFieldStart("images");
      for (int i = 1; i <= images; i++) {
        g.writeStartObject();
        g.writeNumberField("license", 1);
        g.writeStringField("file_name", String.format("%012d.jpg", i));
        g.writeStringField("coco_url", "http://images.example/train2017/" + i + ".jpg");
        g.writeNumberField("height", 480);
        g.writeNumberField("width", 640);
        g.writeStringField("date_captured", "2013-11-14 16:28:13");
        g.writeNumberField("id", i);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("annotations");
      for (int a = 1; a <= annotations; a++) {
        double cx = 40 + rnd.nextDouble() * 560;
        double cy = 40 + rnd.nextDouble() * 400;
        double r = 5 + rnd.nextDouble() * 35;
        boolean crowd = a % 100 == 0;
        g.writeStartObject();
        g.writeFieldName("segmentation");
        if (crowd) {
          g.writeStartObject();
          g.writeArrayFieldStart("counts");
          int left = 480 * 640;
          while (left > 0) {
            int run = Math.min(left, 1 + rnd.nextInt(3000));
            g.writeNumber(run);
            left -= run;
          }
          g.writeEndArray();
          g.writeArrayFieldStart("size");
          g.writeNumber(480);
          g.writeNumber(640);
          g.writeEndArray();
          g.writeEndObject();
        } else {
          int n = 8 + rnd.nextInt(33);
          g.writeStartArray();
          g.writeStartArray();
          for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double rr = r * (0.7 + 0.3 * rnd.nextDouble());
            g.writeNumber(Math.round((cx + rr * Math.cos(t)) * 100) / 100.0);
            g.writeNumber(Math.round((cy + rr * Math.sin(t)) * 100) / 100.0);
          }
          g.writeEndArray();
          g.writeEndArray();
        }
        g.writeNumberField("area", Math.round(Math.PI * r * r * 0.8 * 10000) / 10000.0);
        g.writeNumberField("iscrowd", crowd ? 1 : 0);
        g.writeNumberField("image_id", 1 + (a - 1) / 5 % images);
        g.writeArrayFieldStart("bbox");
        g.writeNumber(Math.round((cx - r) * 100) / 100.0);
        g.writeNumber(Math.round((cy - r) * 100) / 100.0);
        g.writeNumber(Math.round(2 * r * 100) / 100.0);
        g.writeNumber(Math.round(2 * r * 100) / 100.0);
        g.writeEndArray();
        g.writeNumberField("category_id", 1 + rnd.nextInt(90));
        g.writeNumberField("id", a);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categories");
      for (int c = 1; c <= 90; c++) {
        g.writeStartObject();
        g.writeStringField("supercategory", "thing");
        g.writeNumberField("id", c);
        g.writeStringField("name", "category" + c);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** Parses {@code file} {@code repeats} times; returns the measurements of the best run. */
  public static Map<String, Object> run(Path file, int repeats) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", file.toString());
    try {
      r.put("file_mb", Math.round(Files.size(file) / 1e4) / 100.0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    double best = Double.MAX_VALUE;
    long peak = 0;
    long retained = 0;
    int annotations = 0;
    for (int i = 0; i < repeats; i++) {
      long before = usedAfterGc();
      resetPeaks();
      long t0 = System.nanoTime();
      CocoDataset d = CocoReader.read(file);
      double s = (System.nanoTime() - t0) / 1e9;
      long p = peakHeap();
      long after = usedAfterGc();
      annotations = d.annotations().size();
      if (s < best) {
        best = s;
      }
      peak = Math.max(peak, p);
      retained = Math.max(retained, after - before);
      if (d.images().isEmpty()) {
        throw new IllegalStateException("no images parsed");
      }
    }
    r.put("annotations", annotations);
    r.put("parse_seconds", Math.round(best * 1000) / 1000.0);
    r.put("annotations_per_second", Math.round(annotations / best));
    r.put("peak_heap_mb", Math.round(peak / 1e4) / 100.0);
    r.put("retained_heap_mb", Math.round(retained / 1e4) / 100.0);
    r.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / 1e4) / 100.0);
    r.put("repeats", repeats);
    return r;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}

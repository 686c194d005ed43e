package org.mlpvision.detection.task;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.coco.CategoryMap;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.eval.DatasetEvaluator;

/**
 * Streams detections into a COCO results file as inference runs (mmdet's {@code results2json}): one
 * entry per detection with {@code image_id}, {@code category_id} (the label's COCO category),
 * {@code bbox} {@code [x, y, w, h]} in float32 and {@code score}, plus {@code segmentation} as
 * compressed RLE ({@code {"size": [h, w], "counts": "..."}}) when the detections have masks.
 * pycocotools' {@code loadRes} reads it for {@code bbox} and {@code segm} evaluation alike. Close
 * it to finish the file.
 */
public final class CocoResultsWriter
    implements DatasetEvaluator<ImageList, List<Detections>>, AutoCloseable {
  private final Path file;
  private final CategoryMap categories;
  private final JsonGenerator json;
  private long written;

  /**
   * @param file the results file to write
   * @param categories the ground truth's categories (label {@code i} is the {@code i}-th by id)
   */
  public CocoResultsWriter(Path file, CategoryMap categories) throws IOException {
    this.file = file;
    this.categories = categories;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
    json.writeStartArray();
  }

  @Override
  public void reset() {
    if (written > 0) {
      throw new IllegalStateException("a results file is written once: " + file);
    }
  }

  @Override
  public void process(ImageList inputs, List<Detections> outputs) {
    try {
      for (int i = 0; i < outputs.size(); i++) {
        write(inputs.metas().get(i), outputs.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void write(ImageMeta meta, Detections d) throws IOException {
    write(
        Long.parseLong(meta.id()),
        meta.oriH(),
        meta.oriW(),
        d.boxes().toFloatArray(),
        d.scores().toFloatArray(),
        d.labels().toLongArray(),
        d.masks() == null ? null : d.masks().toByteArray());
  }

  /**
   * Writes the detections of one image from host arrays.
   *
   * @param height the original image height (of the masks)
   * @param width the original image width
   * @param boxes {@code n x 4} xyxy boxes, row-major
   * @param scores {@code n} scores
   * @param labels {@code n} labels {@code 0..K-1}
   * @param masks {@code n x height x width} 0/1 bytes, or null without masks
   */
  public void write(
      long imageId,
      int height,
      int width,
      float[] boxes,
      float[] scores,
      long[] labels,
      byte[] masks)
      throws IOException {
    int n = scores.length;
    int plane = height * width;
    for (int k = 0; k < n; k++) {
      json.writeStartObject();
      json.writeNumberField("image_id", imageId);
      json.writeNumberField("category_id", categories.categoryId((int) labels[k]));
      json.writeArrayFieldStart("bbox");
      json.writeNumber(boxes[4 * k]);
      json.writeNumber(boxes[4 * k + 1]);
      // float32 arithmetic, as mmdet's xyxy2xywh on float32 arrays.
      json.writeNumber(boxes[4 * k + 2] - boxes[4 * k]);
      json.writeNumber(boxes[4 * k + 3] - boxes[4 * k + 1]);
      json.writeEndArray();
      json.writeNumberField("score", scores[k]);
      if (masks != null) {
        byte[] bitmap = new byte[plane];
        System.arraycopy(masks, k * plane, bitmap, 0, plane);
        Rle rle = Rle.fromBitmap(bitmap, height, width);
        json.writeObjectFieldStart("segmentation");
        json.writeArrayFieldStart("size");
        json.writeNumber(height);
        json.writeNumber(width);
        json.writeEndArray();
        json.writeStringField("counts", RleString.encode(rle));
        json.writeEndObject();
      }
      json.writeEndObject();
      written++;
    }
  }

  /** No metrics: the file is the output. */
  @Override
  public Map<String, Double> evaluate() {
    return Map.of();
  }

  /** Detections written so far. */
  public long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    json.writeEndArray();
    json.close();
  }
}

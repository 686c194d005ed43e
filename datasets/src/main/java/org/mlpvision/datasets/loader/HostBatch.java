package org.mlpvision.datasets.loader;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.ops.HostArrays;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.Pad;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A collated batch in plain Java arrays (no native memory), built on loader threads: images padded
 * at the bottom and right to a common size (a multiple of {@code sizeDivisor}) in {@code [B,3,H,W]}
 * order with 0, label maps padded with 255, instance masks padded with 0. {@link #toDevice} copies
 * it into NDArrays of a caller's (scoped, device-bound) manager.
 */
public final class HostBatch {
  private final int batch;
  private final int height;
  private final int width;
  private final float[] images;
  private final byte[] labelMaps;
  private final List<ImageMeta> metas;
  private final List<float[]> boxes;
  private final List<int[]> labels;
  private final List<float[]> ignoreBoxes;
  private final List<byte[]> masks;
  private final int[] maskCounts;

  private HostBatch(
      int batch,
      int height,
      int width,
      float[] images,
      byte[] labelMaps,
      List<ImageMeta> metas,
      List<float[]> boxes,
      List<int[]> labels,
      List<float[]> ignoreBoxes,
      List<byte[]> masks,
      int[] maskCounts) {
    this.batch = batch;
    this.height = height;
    this.width = width;
    this.images = images;
    this.labelMaps = labelMaps;
    this.metas = metas;
    this.boxes = boxes;
    this.labels = labels;
    this.ignoreBoxes = ignoreBoxes;
    this.masks = masks;
    this.maskCounts = maskCounts;
  }

  /**
   * Collates normalized float32 samples (3 channels) into one padded batch. Does not close the
   * samples.
   */
  public static HostBatch collate(List<Sample> samples, int sizeDivisor) {
    return collate(samples, sizeDivisor, null);
  }

  /**
   * Collates samples into one padded batch; with {@code normalize}, BGR uint8 images are normalized
   * straight into the batch (one pass, padding left at 0), otherwise images must be normalized
   * float32 already. Does not close the samples.
   */
  public static HostBatch collate(List<Sample> samples, int sizeDivisor, Normalize normalize) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("cannot collate an empty batch");
    }
    int h = 0;
    int w = 0;
    for (Sample s : samples) {
      boolean fused = normalize != null && s.image().type() == CvType.CV_8UC3;
      if (!fused && s.image().type() != CvType.CV_32FC3) {
        throw new IllegalArgumentException(
            "collation needs normalized float32 3-channel images, got "
                + CvType.typeToString(s.image().type())
                + " for image "
                + s.meta().id());
      }
      h = Math.max(h, s.height());
      w = Math.max(w, s.width());
    }
    h = Pad.roundUp(h, sizeDivisor);
    w = Pad.roundUp(w, sizeDivisor);
    int b = samples.size();
    float[] images = new float[b * 3 * h * w];
    boolean hasLabels = samples.get(0).labelMap() != null;
    byte[] labelMaps = hasLabels ? new byte[b * h * w] : null;
    if (hasLabels) {
      java.util.Arrays.fill(labelMaps, (byte) 255);
    }
    boolean hasMasks = samples.get(0).masks() != null;
    List<ImageMeta> metas = new ArrayList<>();
    List<float[]> boxes = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    List<float[]> ignore = new ArrayList<>();
    List<byte[]> masks = hasMasks ? new ArrayList<>() : null;
    int[] maskCounts = new int[b];
    List<Mat> channels = new ArrayList<>(3);
    for (int i = 0; i < b; i++) {
      Sample s = samples.get(i);
      int sh = s.height();
      int sw = s.width();
      if (normalize != null && s.image().type() == CvType.CV_8UC3) {
        normalize.intoPlanes(s.image(), images, i * 3 * h * w, h * w, w);
      } else {
        Core.split(s.image(), channels);
        float[] row = new float[sw * sh];
        for (int c = 0; c < 3; c++) {
          Mat ch = channels.get(c);
          ch.get(0, 0, row);
          ch.release();
          int base = (i * 3 + c) * h * w;
          for (int y = 0; y < sh; y++) {
            System.arraycopy(row, y * sw, images, base + y * w, sw);
          }
        }
        channels.clear();
      }
      if (hasLabels) {
        copyPlane(s.labelMap(), labelMaps, i * h * w, w);
      }
      if (hasMasks) {
        int n = s.masks().size();
        byte[] m = new byte[n * h * w];
        for (int k = 0; k < n; k++) {
          copyPlane(s.masks().get(k), m, k * h * w, w);
        }
        masks.add(m);
        maskCounts[i] = n;
      }
      metas.add(s.meta());
      boxes.add(s.boxes());
      labels.add(s.labels());
      ignore.add(s.ignoreBoxes());
    }
    return new HostBatch(
        b, h, w, images, labelMaps, metas, boxes, labels, ignore, masks, maskCounts);
  }

  private static void copyPlane(Mat m, byte[] dst, int base, int stride) {
    int mh = m.rows();
    int mw = m.cols();
    byte[] plane = new byte[mh * mw];
    m.get(0, 0, plane);
    for (int y = 0; y < mh; y++) {
      System.arraycopy(plane, y * mw, dst, base + y * stride, mw);
    }
  }

  /** Batch size. */
  public int size() {
    return batch;
  }

  /** Padded height of the batch. */
  public int height() {
    return height;
  }

  /** Padded width of the batch. */
  public int width() {
    return width;
  }

  /** Per-image metas (sizes, scale factors, flip, crop, pad). */
  public List<ImageMeta> metas() {
    return metas;
  }

  /** Per-image {@code n x 4} xyxy boxes. */
  public List<float[]> boxes() {
    return boxes;
  }

  /** Per-image labels. */
  public List<int[]> labels() {
    return labels;
  }

  /** Per-image {@code k x 4} xyxy crowd (ignore) boxes. */
  public List<float[]> ignoreBoxes() {
    return ignoreBoxes;
  }

  /**
   * Per-image instance masks, {@code n x H x W} bytes (0/1) padded to the batch size, or null when
   * the source carries no bitmap masks.
   */
  public List<byte[]> masks() {
    return masks;
  }

  /** The {@code [B,H,W]} label maps padded with 255, or null (detection). */
  public byte[] labelMaps() {
    return labelMaps;
  }

  /** The padded {@code [B,3,H,W]} image data. */
  public float[] images() {
    return images;
  }

  /**
   * Copies the batch into NDArrays on {@code manager} (and its device), in memory libtorch owns
   * ({@link HostArrays}: nothing is left for the garbage collector to free).
   */
  public Batch toDevice(NDManager manager) {
    Device device = manager.getDevice();
    NDArray img =
        HostArrays.floats(
            manager, images, new Shape(batch, 3, height, width), DataType.FLOAT32, device);
    NDArray seg = null;
    if (labelMaps != null) {
      seg =
          HostArrays.of(
              manager,
              ByteBuffer.wrap(labelMaps),
              new Shape(batch, height, width),
              DataType.UINT8,
              device);
    }
    List<NDArray> gtBoxes = new ArrayList<>();
    List<NDArray> gtLabels = new ArrayList<>();
    List<NDArray> gtIgnore = new ArrayList<>();
    List<NDArray> gtMasks = masks == null ? null : new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int n = labels.get(i).length;
      gtBoxes.add(
          HostArrays.floats(manager, boxes.get(i), new Shape(n, 4), DataType.FLOAT32, device));
      long[] l = new long[n];
      for (int k = 0; k < n; k++) {
        l[k] = labels.get(i)[k];
      }
      gtLabels.add(HostArrays.longs(manager, l, device));
      float[] ignore = ignoreBoxes.get(i);
      gtIgnore.add(
          HostArrays.floats(
              manager, ignore, new Shape(ignore.length / 4, 4), DataType.FLOAT32, device));
      if (gtMasks != null) {
        gtMasks.add(
            HostArrays.of(
                manager,
                ByteBuffer.wrap(masks.get(i)),
                new Shape(maskCounts[i], height, width),
                DataType.UINT8,
                device));
      }
    }
    return new Batch(
        img,
        seg,
        metas,
        new NDList(gtBoxes),
        new NDList(gtLabels),
        new NDList(gtIgnore),
        gtMasks == null ? null : new NDList(gtMasks));
  }
}

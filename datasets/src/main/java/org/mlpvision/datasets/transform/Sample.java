package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * One image and its targets as they flow through a transform pipeline. Owns its {@link Mat}s:
 * setters release the Mat they replace, and {@link #close()} releases the rest.
 *
 * <p>The image is BGR uint8 until {@link Normalize} makes it float32 (RGB when asked). Boxes are
 * {@code n x 4} xyxy rows; instance masks are either bitmaps (one {@code CV_8UC1} Mat per box) or
 * polygons (one list of flat xy arrays per box), or absent; {@code labelMap} is a semantic label
 * map ({@code CV_8UC1}) or null.
 */
public final class Sample implements AutoCloseable {
  private Mat image;
  private Mat labelMap;
  private float[] boxes = new float[0];
  private int[] labels = new int[0];
  private float[] ignoreBoxes = new float[0];
  private List<Mat> masks;
  private List<List<double[]>> polygons;
  private ImageMeta meta;

  /** A sample around a freshly decoded image (taken over); {@code id} names it in metas. */
  public Sample(String id, Mat image) {
    this.image = image;
    this.meta = ImageMeta.loaded(id, image.rows(), image.cols());
  }

  public Mat image() {
    return image;
  }

  /** Replaces the image, releasing the old one unless it is the same Mat. */
  public void setImage(Mat m) {
    if (image != null && image != m) {
      image.release();
    }
    image = m;
  }

  public Mat labelMap() {
    return labelMap;
  }

  /** Sets the semantic label map (taken over), releasing the old one. */
  public void setLabelMap(Mat m) {
    if (labelMap != null && labelMap != m) {
      labelMap.release();
    }
    labelMap = m;
  }

  /** {@code n x 4} xyxy boxes, row-major. */
  public float[] boxes() {
    return boxes;
  }

  public int[] labels() {
    return labels;
  }

  /** Sets boxes and their labels together. */
  public void setBoxes(float[] boxes, int[] labels) {
    if (boxes.length != labels.length * 4) {
      throw new IllegalArgumentException(
          boxes.length / 4 + " boxes but " + labels.length + " labels");
    }
    this.boxes = boxes;
    this.labels = labels;
  }

  public float[] ignoreBoxes() {
    return ignoreBoxes;
  }

  public void setIgnoreBoxes(float[] ignoreBoxes) {
    this.ignoreBoxes = ignoreBoxes;
  }

  /** Bitmap instance masks aligned with the boxes, or null. */
  public List<Mat> masks() {
    return masks;
  }

  /** Sets bitmap masks (taken over), releasing the old ones. */
  public void setMasks(List<Mat> m) {
    if (masks != null) {
      for (Mat old : masks) {
        if (m == null || !m.contains(old)) {
          old.release();
        }
      }
    }
    masks = m == null ? null : new ArrayList<>(m);
  }

  /** Polygon instance masks aligned with the boxes, or null. */
  public List<List<double[]>> polygons() {
    return polygons;
  }

  public void setPolygons(List<List<double[]>> polygons) {
    this.polygons = polygons;
  }

  public ImageMeta meta() {
    return meta;
  }

  public void setMeta(ImageMeta meta) {
    this.meta = meta;
  }

  /** Image height. */
  public int height() {
    return image.rows();
  }

  /** Image width. */
  public int width() {
    return image.cols();
  }

  @Override
  public void close() {
    setImage(null);
    setLabelMap(null);
    setMasks(null);
  }
}

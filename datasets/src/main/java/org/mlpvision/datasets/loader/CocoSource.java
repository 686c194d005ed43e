package org.mlpvision.datasets.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.ImagePaths;
import org.mlpvision.datasets.coco.InstanceTargets;
import org.mlpvision.datasets.coco.Segmentation;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.mlpvision.datasets.transform.Sample;
import org.mlpvision.datasets.transform.Transform;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * COCO images with mmdet targets: the image decoded BGR, boxes/labels/crowd boxes from {@link
 * CocoInstances}, and instance masks rasterized with pycocotools' algorithm at the original size
 * ({@code poly2mask=True}), then the pipeline.
 */
public final class CocoSource implements SampleSource {
  private final CocoInstances instances;
  private final Path imageRoot;
  private final Transform pipeline;
  private final MaskMode masks;

  /** How instance masks travel through the pipeline. */
  public enum MaskMode {
    /** No masks (box-only training, cheapest). */
    NONE,
    /** Full-size bitmaps rasterized as pycocotools does ({@code poly2mask=True}). */
    BITMAP,
    /**
     * Polygons, scaled/flipped/shifted as coordinates ({@code poly2mask=False}); an RLE instance
     * gets an empty polygon list, so use BITMAP when non-crowd RLE occurs.
     */
    POLYGON
  }

  /** With {@code withMasks}, bitmap masks; otherwise none. */
  public CocoSource(
      CocoInstances instances, Path imageRoot, Transform pipeline, boolean withMasks) {
    this(instances, imageRoot, pipeline, withMasks ? MaskMode.BITMAP : MaskMode.NONE);
  }

  /** A source with the given mask mode. */
  public CocoSource(CocoInstances instances, Path imageRoot, Transform pipeline, MaskMode masks) {
    OpenCvRuntime.ensureLoaded();
    this.instances = instances;
    this.imageRoot = imageRoot;
    this.pipeline = pipeline;
    this.masks = masks;
  }

  @Override
  public int size() {
    return instances.images().size();
  }

  @Override
  public Sample load(int index, Random rnd) {
    CocoImage im = instances.images().get(index);
    String item = "image " + im.id();
    Path file;
    try {
      file = ImagePaths.resolve(imageRoot, im.fileName());
    } catch (IllegalArgumentException e) {
      throw new DatasetException(instances.dataset().source(), item, "file_name", e.getMessage());
    }
    Mat bgr = ImageFiles.readBgr(file, item);
    if (bgr.cols() != im.width() || bgr.rows() != im.height()) {
      int w = bgr.cols();
      int h = bgr.rows();
      bgr.release();
      throw new DatasetException(
          file.toString(),
          item,
          "width/height",
          "file says " + im.width() + "x" + im.height() + ", image is " + w + "x" + h);
    }
    Sample s = new Sample(Long.toString(im.id()), bgr);
    try {
      InstanceTargets t = instances.targets(im);
      s.setBoxes(t.boxes(), t.labels());
      s.setIgnoreBoxes(t.ignoreBoxes());
      if (masks == MaskMode.BITMAP) {
        List<Mat> bitmaps = new ArrayList<>(t.size());
        for (Segmentation seg : t.masks()) {
          bitmaps.add(bitmap(seg, im.height(), im.width()));
        }
        s.setMasks(bitmaps);
      } else if (masks == MaskMode.POLYGON) {
        List<List<double[]>> polys = new ArrayList<>(t.size());
        for (Segmentation seg : t.masks()) {
          polys.add(seg instanceof Segmentation.Polygons p ? p.polygons() : List.of());
        }
        s.setPolygons(polys);
      }
      if (!pipeline.apply(s, rnd)) {
        s.close();
        return null;
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static Mat bitmap(Segmentation seg, int h, int w) {
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    byte[] bits = seg == null ? new byte[h * w] : seg.toRle(h, w).toBitmap();
    m.put(0, 0, bits);
    return m;
  }
}

package org.mlpvision.datasets.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * {@code ade-shapes}: scenes in the ADE20K SceneParsing layout ({@code
 * images/{training,validation}/ADE_{train,val}_%08d.jpg} with single-channel label PNGs under
 * {@code annotations/}). Raw label values are ADE's (1..150, 0 = other): a sky band over a wall or
 * building over a floor or grass, shapes of a few object classes in their palette colours, and some
 * unlabelled (0) blobs.
 */
public final class AdeShapesWriter {
  /** Raw values (label + 1) of the stuff bands: sky; wall or building; floor or grass. */
  private static final int SKY = 3;

  private static final int[] MIDDLE = {1, 2};
  private static final int[] GROUND = {4, 10};

  /** Raw values of the object classes: person, car, table, chair, tree. */
  private static final int[] OBJECTS = {13, 21, 16, 20, 5};

  private AdeShapesWriter() {}

  /** Writes both splits under {@code spec.out()}. */
  public static void write(SynthSpec spec) {
    writeSplit(spec, "training", "ADE_train_", 0, spec.images());
    writeSplit(spec, "validation", "ADE_val_", 1, spec.valImages());
  }

  private static void writeSplit(SynthSpec spec, String split, String prefix, int si, int count) {
    Path images = spec.out().resolve("images").resolve(split);
    Path labels = spec.out().resolve("annotations").resolve(split);
    try {
      Files.createDirectories(images);
      Files.createDirectories(labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + images + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < count; i++) {
      String stem = String.format("%s%08d", prefix, i + 1);
      draw(spec, si, i, images.resolve(stem + ".jpg"), labels.resolve(stem + ".png"));
    }
  }

  private static void draw(SynthSpec spec, int split, int index, Path imageFile, Path labelFile) {
    Random rnd = new Random(spec.imageSeed(split, index));
    int w = spec.width();
    int h = spec.height();
    try (Canvas canvas = new Canvas(w, h, rnd)) {
      Mat label = Mat.zeros(h, w, CvType.CV_8UC1);
      try {
        double skyEnd = h * (0.15 + 0.2 * rnd.nextDouble());
        double groundStart = h * (0.6 + 0.2 * rnd.nextDouble());
        band(canvas, label, 0, skyEnd, SKY, rnd);
        band(canvas, label, skyEnd, groundStart, MIDDLE[rnd.nextInt(MIDDLE.length)], rnd);
        band(canvas, label, groundStart, h, GROUND[rnd.nextInt(GROUND.length)], rnd);
        int objects = 1 + rnd.nextInt(4);
        for (int o = 0; o < objects; o++) {
          int raw = OBJECTS[rnd.nextInt(OBJECTS.length)];
          ShapeKind kind = ShapeKind.values()[rnd.nextInt(ShapeKind.values().length)];
          double r = Math.min(w, h) * (0.08 + 0.12 * rnd.nextDouble());
          double cx = r + rnd.nextDouble() * Math.max(1, w - 2 * r);
          double cy = r + rnd.nextDouble() * Math.max(1, h - 2 * r);
          paint(canvas, label, List.of(kind.polygon(cx, cy, r, rnd)), raw, rnd);
        }
        int unlabelled = rnd.nextInt(3);
        for (int u = 0; u < unlabelled; u++) {
          double r = Math.min(w, h) * 0.06;
          double[] poly =
              ShapeKind.ELLIPSE.polygon(
                  r + rnd.nextDouble() * (w - 2 * r), r + rnd.nextDouble() * (h - 2 * r), r, rnd);
          Canvas.fill(label, List.of(poly), new Scalar(0));
          canvas.fill(
              List.of(poly), new Scalar(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
        }
        ImageFiles.write(imageFile, canvas.image, 92);
        ImageFiles.write(labelFile, label, 92);
      } finally {
        label.release();
      }
    }
  }

  private static void band(Canvas canvas, Mat label, double y0, double y1, int raw, Random rnd) {
    double[] poly = {0, y0, canvas.width, y0, canvas.width, y1, 0, y1};
    paint(canvas, label, List.of(poly), raw, rnd);
  }

  private static void paint(Canvas canvas, Mat label, List<double[]> polys, int raw, Random rnd) {
    int[] rgb = AdeClasses.standard().colour(raw - 1);
    canvas.fill(polys, Canvas.jitter(new int[] {rgb[2], rgb[1], rgb[0]}, 25, rnd));
    Canvas.fill(label, polys, new Scalar(raw));
  }
}

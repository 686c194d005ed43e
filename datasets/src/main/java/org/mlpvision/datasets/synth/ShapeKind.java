package org.mlpvision.datasets.synth;

import java.util.Random;

/** The shapes the synthetic sets draw, each as a polygon around a centre. */
enum ShapeKind {
  RECTANGLE,
  ELLIPSE,
  TRIANGLE,
  STAR;

  /**
   * Polygon {@code [x1,y1,...]} of this shape centred at {@code (cx, cy)} with radius about {@code
   * r}, rotated by a random angle; coordinates rounded to 2 decimals as COCO files hold them.
   */
  double[] polygon(double cx, double cy, double r, Random rnd) {
    double angle = rnd.nextDouble() * Math.PI;
    double[] radii;
    switch (this) {
      case RECTANGLE -> {
        double aspect = 0.5 + rnd.nextDouble();
        double t = Math.atan(aspect);
        return rotated(
            cx,
            cy,
            new double[] {r, r, r, r},
            new double[] {t, Math.PI - t, Math.PI + t, -t},
            angle);
      }
      case ELLIPSE -> {
        int n = 24;
        double squash = 0.55 + 0.45 * rnd.nextDouble();
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
          double a = 2 * Math.PI * i / n;
          double x = r * Math.cos(a);
          double y = r * squash * Math.sin(a);
          xy[2 * i] = round(cx + x * Math.cos(angle) - y * Math.sin(angle));
          xy[2 * i + 1] = round(cy + x * Math.sin(angle) + y * Math.cos(angle));
        }
        return xy;
      }
      case TRIANGLE -> radii = new double[] {r, r, r};
      default -> {
        radii = new double[10];
        for (int i = 0; i < 10; i++) {
          radii[i] = i % 2 == 0 ? r : r * 0.45;
        }
      }
    }
    double[] angles = new double[radii.length];
    for (int i = 0; i < radii.length; i++) {
      angles[i] = 2 * Math.PI * i / radii.length;
    }
    return rotated(cx, cy, radii, angles, angle);
  }

  private static double[] rotated(
      double cx, double cy, double[] radii, double[] angles, double by) {
    double[] xy = new double[2 * radii.length];
    for (int i = 0; i < radii.length; i++) {
      xy[2 * i] = round(cx + radii[i] * Math.cos(angles[i] + by));
      xy[2 * i + 1] = round(cy + radii[i] * Math.sin(angles[i] + by));
    }
    return xy;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

package org.mlpvision.datasets.classify;

/** The classes of the synthetic set; each tests whether a point lies inside its outline. */
public enum ShapeClass {
  CIRCLE,
  SQUARE,
  TRIANGLE,
  CROSS;

  /**
   * Whether the point {@code (u, v)}, in the shape's own rotated frame centred on the shape, lies
   * inside a shape of radius {@code r}.
   */
  boolean contains(double u, double v, double r) {
    return switch (this) {
      case CIRCLE -> u * u + v * v <= r * r;
      case SQUARE -> Math.abs(u) <= 0.8 * r && Math.abs(v) <= 0.8 * r;
      case TRIANGLE -> {
        // Equilateral with circumradius r: inside all three half-planes at distance r/2.
        boolean inside = true;
        for (int k = 0; k < 3; k++) {
          double a = -Math.PI / 2 + k * 2 * Math.PI / 3;
          inside &= u * Math.cos(a) + v * Math.sin(a) <= r / 2;
        }
        yield inside;
      }
      case CROSS ->
          (Math.abs(u) <= 0.3 * r && Math.abs(v) <= r)
              || (Math.abs(v) <= 0.3 * r && Math.abs(u) <= r);
    };
  }

  /** Lower-case name, as written in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package org.mlpvision.detection.roi;

/**
 * Plain scalar port of mmcv's RoIAlign forward ({@code roi_align_cuda_kernel.cuh}, avg mode): the
 * per-sample gather the separable implementation must equal. Test oracle only.
 */
final class RoiAlignReference {
  private RoiAlignReference() {}

  static double[] forward(
      double[] f,
      int n,
      int c,
      int h,
      int w,
      double[] rois,
      int ph,
      int pw,
      double scale,
      int sr,
      boolean aligned) {
    int k = rois.length / 5;
    double[] out = new double[k * c * ph * pw];
    double off = aligned ? 0.5 : 0;
    for (int r = 0; r < k; r++) {
      int b = (int) rois[5 * r];
      double xs = rois[5 * r + 1] * scale - off;
      double ys = rois[5 * r + 2] * scale - off;
      double xe = rois[5 * r + 3] * scale - off;
      double ye = rois[5 * r + 4] * scale - off;
      double rw = xe - xs;
      double rh = ye - ys;
      if (!aligned) {
        rw = Math.max(rw, 1);
        rh = Math.max(rh, 1);
      }
      double bh = rh / ph;
      double bw = rw / pw;
      int gh = sr > 0 ? sr : (int) Math.ceil(rh / ph);
      int gw = sr > 0 ? sr : (int) Math.ceil(rw / pw);
      double count = Math.max(gh * gw, 1);
      for (int ch = 0; ch < c; ch++) {
        int base = ((b * c) + ch) * h * w;
        for (int py = 0; py < ph; py++) {
          for (int px = 0; px < pw; px++) {
            double sum = 0;
            for (int iy = 0; iy < gh; iy++) {
              double y = ys + py * bh + (iy + 0.5) * bh / gh;
              for (int ix = 0; ix < gw; ix++) {
                double x = xs + px * bw + (ix + 0.5) * bw / gw;
                sum += bilinear(f, base, h, w, y, x);
              }
            }
            out[((r * c + ch) * ph + py) * pw + px] = sum / count;
          }
        }
      }
    }
    return out;
  }

  private static double bilinear(double[] f, int base, int h, int w, double y, double x) {
    if (y < -1.0 || y > h || x < -1.0 || x > w) {
      return 0;
    }
    if (y <= 0) {
      y = 0;
    }
    if (x <= 0) {
      x = 0;
    }
    int y0 = (int) y;
    int x0 = (int) x;
    int y1;
    int x1;
    if (y0 >= h - 1) {
      y1 = y0 = h - 1;
      y = y0;
    } else {
      y1 = y0 + 1;
    }
    if (x0 >= w - 1) {
      x1 = x0 = w - 1;
      x = x0;
    } else {
      x1 = x0 + 1;
    }
    double ly = y - y0;
    double lx = x - x0;
    double hy = 1 - ly;
    double hx = 1 - lx;
    return hy * hx * f[base + y0 * w + x0]
        + hy * lx * f[base + y0 * w + x1]
        + ly * hx * f[base + y1 * w + x0]
        + ly * lx * f[base + y1 * w + x1];
  }
}

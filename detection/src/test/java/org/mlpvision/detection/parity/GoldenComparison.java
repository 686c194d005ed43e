package org.mlpvision.detection.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;

/**
 * The checks of {@code shared/golden/heads/compare.py}, with its tolerances, in Java: dense tensors
 * by relative L2 (1e-4), proposal and detection rows by absolute box (1e-3 × image size) and score
 * (1e-4) errors with rows of tied expected scores paired by label and box, labels exact, masks
 * within 0.1% of the union; training cases: scalars within {@code max(1e-4·|e|, 1e-6)}, counts
 * exact, gradients within relative L2 5e-3.
 */
public final class GoldenComparison {
  private static final double SCORE_TOL = 1e-4;
  private static final double DENSE_TOL = 1e-4;
  private static final double GRAD_TOL = 5e-3;

  private final List<String> failures = new ArrayList<>();
  private int checked;

  private GoldenComparison() {}

  /** Reads an {@code .npz} file by name. */
  public static Map<String, NDArray> read(Path npz, NDManager m) throws Exception {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(npz)) {
      for (NDArray a : NDList.decode(m, in)) {
        out.put(a.getName(), a);
      }
    }
    return out;
  }

  /**
   * Compares {@code produced} with the case's {@code output.npz}.
   *
   * @return one line per failed key (empty when every key passes)
   */
  public static List<String> compare(Map<String, NDArray> produced, Path caseDir, NDManager m)
      throws Exception {
    Map<String, NDArray> expected = read(caseDir.resolve("output.npz"), m);
    JsonNode meta = ConfigLoader.readTree(caseDir.resolve("meta.json"));
    GoldenComparison c = new GoldenComparison();
    if (expected.containsKey("loss_total")) {
      c.training(produced, expected);
    } else {
      c.test(produced, expected, meta);
    }
    if (c.checked != expected.size()) {
      c.failures.add("checked " + c.checked + " of " + expected.size() + " keys");
    }
    return c.failures;
  }

  private void training(Map<String, NDArray> p, Map<String, NDArray> e) {
    for (Map.Entry<String, NDArray> x : e.entrySet()) {
      String k = x.getKey();
      NDArray exp = x.getValue();
      NDArray got = present(p, k);
      if (got == null) {
        continue;
      }
      if (k.startsWith("grad.")) {
        dense(k, got, exp, null, GRAD_TOL);
      } else if (exp.getDataType().isInteger()) {
        check(
            k,
            got.getShape().size() == 1
                && got.toType(DataType.INT64, false).getLong()
                    == exp.toType(DataType.INT64, false).getLong(),
            "count differs");
      } else {
        double ev = exp.toType(DataType.FLOAT64, false).getDouble();
        double pv = got.toType(DataType.FLOAT64, false).getDouble();
        check(
            k,
            Math.abs(pv - ev) <= Math.max(1e-4 * Math.abs(ev), 1e-6),
            "expected " + ev + ", got " + pv);
      }
    }
  }

  private void test(Map<String, NDArray> p, Map<String, NDArray> e, JsonNode meta) {
    double imgSize = max(meta.get("image").get("img_shape"));
    double oriSize = max(meta.get("image").get("ori_shape"));
    int[] propPerm = rows("proposals", p, e, 1e-3 * imgSize, null, null);
    long[] expLabels = e.get("det_labels").toLongArray();
    NDArray gotLabels = present(p, "det_labels");
    int[] detPerm = null;
    if (gotLabels != null && gotLabels.getShape().equals(e.get("det_labels").getShape())) {
      detPerm = rows("det_bboxes", p, e, 1e-3 * oriSize, expLabels, gotLabels.toLongArray());
    } else {
      check("det_bboxes", false, "det_labels missing or of another shape");
    }
    if (detPerm != null) {
      long[] got = gotLabels.toLongArray();
      boolean same = true;
      for (int i = 0; i < expLabels.length; i++) {
        same &= got[detPerm[i]] == expLabels[i];
      }
      check("det_labels", same, "labels differ");
    } else if (gotLabels != null) {
      checked++;
    }
    for (Map.Entry<String, NDArray> x : e.entrySet()) {
      String k = x.getKey();
      if (List.of("proposals", "det_bboxes", "det_labels").contains(k)) {
        continue;
      }
      NDArray got = present(p, k);
      if (got == null) {
        continue;
      }
      if (k.equals("det_masks")) {
        masks(got, x.getValue(), detPerm);
      } else if (k.startsWith("stage") && !k.endsWith("mask_pred")) {
        dense(k, got, x.getValue(), propPerm, DENSE_TOL);
      } else if (k.equals("mask_rois") || k.equals("mask_probs") || k.endsWith("mask_pred")) {
        dense(k, got, x.getValue(), detPerm, DENSE_TOL);
      } else {
        dense(k, got, x.getValue(), null, DENSE_TOL);
      }
    }
  }

  /** Row check of {@code (N,5)} boxes with scores; returns the pairing, or null on failure. */
  private int[] rows(
      String k,
      Map<String, NDArray> p,
      Map<String, NDArray> e,
      double boxTol,
      long[] expLabels,
      long[] gotLabels) {
    NDArray got = present(p, k);
    if (got == null) {
      return null;
    }
    NDArray exp = e.get(k);
    if (!got.getShape().equals(exp.getShape())) {
      check(k, false, "shape " + got.getShape() + " != expected " + exp.getShape());
      return null;
    }
    int n = Math.toIntExact(exp.getShape().get(0));
    double[] ev = exp.toType(DataType.FLOAT64, false).toDoubleArray();
    double[] pv = got.toType(DataType.FLOAT64, false).toDoubleArray();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && Math.abs(ev[5 * (j - 1) + 4] - ev[5 * j + 4]) <= SCORE_TOL) {
        j++;
      }
      if (j - i > 1) {
        List<Integer> free = new ArrayList<>();
        for (int q = i; q < j; q++) {
          free.add(q);
        }
        for (int r = i; r < j; r++) {
          Integer best = null;
          double bestD = 0;
          for (int q : free) {
            if (expLabels != null && expLabels[r] != gotLabels[q]) {
              continue;
            }
            double d = 0;
            for (int c = 0; c < 4; c++) {
              d = Math.max(d, Math.abs(pv[5 * q + c] - ev[5 * r + c]));
            }
            if (best == null || d < bestD) {
              best = q;
              bestD = d;
            }
          }
          perm[r] = best == null ? free.get(0) : best;
          free.remove(Integer.valueOf(perm[r]));
        }
      }
      i = j;
    }
    boolean ok = true;
    for (int r = 0; r < n && ok; r++) {
      int q = perm[r];
      for (int c = 0; c < 4; c++) {
        ok &= Double.isFinite(pv[5 * q + c]) && Math.abs(pv[5 * q + c] - ev[5 * r + c]) <= boxTol;
      }
      ok &= Math.abs(pv[5 * q + 4] - ev[5 * r + 4]) <= SCORE_TOL;
      if (expLabels != null) {
        ok &= gotLabels[q] == expLabels[r];
      }
    }
    check(k, ok, "rows differ beyond tolerance");
    return perm;
  }

  private void dense(String k, NDArray got, NDArray exp, int[] perm, double tol) {
    if (!got.getShape().equals(exp.getShape())) {
      check(k, false, "shape " + got.getShape() + " != expected " + exp.getShape());
      return;
    }
    double[] g = got.toType(DataType.FLOAT64, false).toDoubleArray();
    double[] x = exp.toType(DataType.FLOAT64, false).toDoubleArray();
    int rows = exp.getShape().dimension() == 0 ? 1 : Math.toIntExact(exp.getShape().get(0));
    int width = rows == 0 ? 0 : x.length / rows;
    double num = 0;
    double den = 0;
    for (int r = 0; r < rows; r++) {
      int src = perm == null ? r : perm[r];
      for (int c = 0; c < width; c++) {
        double pv = g[src * width + c];
        if (!Double.isFinite(pv)) {
          check(k, false, "non-finite values");
          return;
        }
        double d = pv - x[r * width + c];
        num += d * d;
        den += x[r * width + c] * x[r * width + c];
      }
    }
    double rel = den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
    check(k, rel <= tol, "relative L2 " + rel + " > " + tol);
  }

  private void masks(NDArray got, NDArray exp, int[] perm) {
    if (!got.getShape().equals(exp.getShape())) {
      check("det_masks", false, "shape " + got.getShape() + " != expected " + exp.getShape());
      return;
    }
    Shape s = exp.getShape();
    int n = Math.toIntExact(s.get(0));
    int hw = n == 0 ? 0 : Math.toIntExact(s.size() / n);
    byte[] g = got.toType(DataType.UINT8, false).toByteArray();
    byte[] x = exp.toType(DataType.UINT8, false).toByteArray();
    long union = 0;
    long diff = 0;
    for (int r = 0; r < n; r++) {
      int src = perm == null ? r : perm[r];
      for (int i = 0; i < hw; i++) {
        boolean a = g[src * hw + i] != 0;
        boolean b = x[r * hw + i] != 0;
        union += a || b ? 1 : 0;
        diff += a != b ? 1 : 0;
      }
    }
    check("det_masks", diff <= 1e-3 * Math.max(union, 1), diff + " of " + union + " pixels differ");
  }

  private NDArray present(Map<String, NDArray> p, String k) {
    NDArray a = p.get(k);
    if (a == null) {
      check(k, false, "missing");
    }
    return a;
  }

  private void check(String key, boolean ok, String why) {
    checked++;
    if (!ok) {
      failures.add(key + ": " + why);
    }
  }

  private static double max(JsonNode shape) {
    return Math.max(shape.get(0).asDouble(), shape.get(1).asDouble());
  }
}

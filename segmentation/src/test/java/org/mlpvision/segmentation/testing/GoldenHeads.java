package org.mlpvision.segmentation.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The golden UperNet cases ({@code shared/golden/heads}) and {@code compare.py}'s acceptance rules
 * in Java, so that tests judge produced outputs as the reference script does.
 */
public final class GoldenHeads {
  /** Inference case: whole image, 5 classes, c5 smaller than the largest pool scale. */
  public static final String WHOLE = "upernet_c5_128x160_s7";

  /** Training case: batch of 2 with ignored pixels, losses and gradients. */
  public static final String TRAIN = "upernet_train_c5_128x160_s17";

  private GoldenHeads() {}

  /** The folder of case {@code name}, found by walking up from the working directory. */
  public static Path dir(String name) {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path g = p.resolve("shared/golden/heads");
      if (Files.isDirectory(g)) {
        return g.resolve(name);
      }
    }
    throw new IllegalStateException(
        "no shared/golden/heads above " + System.getProperty("user.dir"));
  }

  /**
   * Every way {@code produced} fails the case's {@code output.npz} under compare.py's rules (empty
   * when it passes): dense tensors by relative L2 (1e-4), {@code pred} by pixel agreement (99.9%),
   * scalars within {@code max(1e-4·|e|, 1e-6)} or the case's {@code compare_abs_tol}, gradients by
   * relative L2 (5e-3).
   */
  public static List<String> mismatches(Map<String, NDArray> produced, Path caseDir, NDManager m)
      throws IOException {
    JsonNode absTol =
        new ObjectMapper()
            .readTree(caseDir.resolve("meta.json").toFile())
            .path("decision_margins")
            .path("compare_abs_tol");
    List<String> problems = new ArrayList<>();
    NDList expected;
    try (InputStream in = Files.newInputStream(caseDir.resolve("output.npz"))) {
      expected = NDList.decode(m, in);
    }
    for (NDArray e : expected) {
      String key = e.getName().replace(".npy", "");
      NDArray p = produced.get(key);
      if (p == null) {
        problems.add(key + ": missing");
        continue;
      }
      if (!p.getShape().equals(e.getShape())) {
        problems.add(key + ": shape " + p.getShape() + ", expected " + e.getShape());
        continue;
      }
      double[] pv = p.toType(DataType.FLOAT64, false).toDoubleArray();
      double[] ev = e.toType(DataType.FLOAT64, false).toDoubleArray();
      if (key.equals("pred")) {
        int same = 0;
        for (int i = 0; i < pv.length; i++) {
          same += pv[i] == ev[i] ? 1 : 0;
        }
        if (same < 0.999 * pv.length) {
          problems.add(key + ": agreement " + (double) same / pv.length);
        }
      } else if (e.getShape().dimension() == 0) {
        double bound = Math.max(1e-4 * Math.abs(ev[0]), 1e-6);
        bound = Math.max(bound, absTol.path(key).asDouble(0));
        if (!(Math.abs(pv[0] - ev[0]) <= bound)) {
          problems.add(key + ": " + pv[0] + ", expected " + ev[0] + " (bound " + bound + ")");
        }
      } else {
        double tol = key.startsWith("grad.") ? 5e-3 : 1e-4;
        double num = 0;
        double den = 0;
        for (int i = 0; i < pv.length; i++) {
          if (!Double.isFinite(pv[i])) {
            num = Double.NaN;
            break;
          }
          num += (pv[i] - ev[i]) * (pv[i] - ev[i]);
          den += ev[i] * ev[i];
        }
        double rel = den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
        if (!(rel <= tol)) {
          problems.add(key + ": relative L2 " + rel + " > " + tol);
        }
      }
    }
    return problems;
  }
}

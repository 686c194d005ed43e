package org.mlpvision.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a {@link StateDict} into an initialised block by state-dict name ({@link ParameterNames}),
 * converting the dtype to the block's. Strict loading fails on any missing, unexpected or
 * shape-mismatched key and then changes nothing; non-strict loading copies what matches and reports
 * the rest. {@code num_batches_tracked} entries of PyTorch BatchNorms carry no weights here and are
 * ignored.
 */
public final class WeightLoader {
  private WeightLoader() {}

  /** Keys of PyTorch checkpoints that have no counterpart by design. */
  static boolean ignorable(String key) {
    return key.endsWith("num_batches_tracked");
  }

  /**
   * Loads {@code dict} into {@code block}.
   *
   * @param source file name for error messages
   * @throws IllegalArgumentException in strict mode when the report is not complete (nothing is
   *     copied then), or when the block is not initialised
   */
  public static LoadReport load(Block block, StateDict dict, boolean strict, String source) {
    Map<String, Parameter> params = ParameterNames.of(block);
    List<String> missing = new ArrayList<>();
    List<LoadReport.Mismatch> mismatched = new ArrayList<>();
    Map<Parameter, NDArray> plan = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      Parameter p = e.getValue();
      if (!p.isInitialized()) {
        throw new IllegalArgumentException(
            "initialise the model before loading weights (parameter " + e.getKey() + ")");
      }
      NDArray src = dict.get(e.getKey());
      if (src == null) {
        missing.add(e.getKey());
        continue;
      }
      long[] expected = p.getArray().getShape().getShape();
      long[] found = src.getShape().getShape();
      if (!java.util.Arrays.equals(expected, found)) {
        mismatched.add(new LoadReport.Mismatch(e.getKey(), expected, found));
        continue;
      }
      plan.put(p, src);
    }
    List<String> unexpected = new ArrayList<>();
    for (String key : dict.tensors().keySet()) {
      if (!params.containsKey(key) && !ignorable(key)) {
        unexpected.add(key);
      }
    }
    LoadReport report = new LoadReport(plan.size(), missing, unexpected, mismatched);
    if (strict && !report.isComplete()) {
      throw new IllegalArgumentException(
          "weights " + source + " do not match the model (strict): " + report.summary());
    }
    plan.forEach(
        (p, src) -> {
          NDArray dst = p.getArray();
          dst.set(
              src.toType(dst.getDataType(), false).toDevice(dst.getDevice(), false).toByteBuffer());
        });
    return report;
  }

  /** The block's tensors by state-dict name (views of the live parameters). */
  public static StateDict stateDict(Block block) {
    Map<String, NDArray> map = new LinkedHashMap<>();
    ParameterNames.of(block)
        .forEach(
            (k, p) -> {
              if (!p.isInitialized()) {
                throw new IllegalArgumentException("parameter " + k + " is not initialised");
              }
              map.put(k, p.getArray());
            });
    return new StateDict(map);
  }
}

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
 * shape-mismatched key; non-strict loading copies what matches and reports the rest, but still
 * fails when it would fill less than a minimum share of the model's tensors (nothing at all, or
 * below {@link #DEFAULT_MIN_LOADED} unless told otherwise): a file with the wrong key names must
 * not leave a model of random weights behind a successful load. A failed load changes nothing.
 * {@code num_batches_tracked} entries of PyTorch BatchNorms carry no weights here and are ignored.
 */
public final class WeightLoader {
  /** The share of the model's tensors a non-strict load must fill unless told otherwise. */
  public static final double DEFAULT_MIN_LOADED = 0.5;

  private WeightLoader() {}

  /** Keys of PyTorch checkpoints that have no counterpart by design. */
  static boolean ignorable(String key) {
    return key.endsWith("num_batches_tracked");
  }

  /**
   * Loads {@code dict} into {@code block} with the default minimum share {@value
   * #DEFAULT_MIN_LOADED}.
   */
  public static LoadReport load(Block block, StateDict dict, boolean strict, String source) {
    return load(block, dict, strict, DEFAULT_MIN_LOADED, source);
  }

  /**
   * Loads {@code dict} into {@code block}.
   *
   * @param minLoaded in [0, 1]: the share of the model's tensors a non-strict load must fill; a
   *     load that fills none fails whatever this is
   * @param source file name for error messages
   * @throws IllegalArgumentException in strict mode when the report is not complete, when fewer
   *     than {@code minLoaded} of the model's tensors (or none) would be filled, or when the block
   *     is not initialised; nothing is copied then
   */
  public static LoadReport load(
      Block block, StateDict dict, boolean strict, double minLoaded, String source) {
    if (!(minLoaded >= 0 && minLoaded <= 1)) {
      throw new IllegalArgumentException(
          "the minimum loaded share must be in [0, 1], got " + minLoaded);
    }
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
    int total = params.size();
    if (total > 0 && (report.loaded() == 0 || report.loaded() < minLoaded * total)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "weights %s fill %d of %d model tensors, below the minimum of %.0f%% (wrong key"
                  + " names or the wrong model?): %s",
              source,
              report.loaded(),
              total,
              100 * minLoaded,
              report.summary()));
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

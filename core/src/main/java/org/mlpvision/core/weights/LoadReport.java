package org.mlpvision.core.weights;

import java.util.List;

/**
 * What loading a state dict into a model did: keys the model has but the file lacks ({@code
 * missing}), keys of the file the model does not have ({@code unexpected}), and keys present in
 * both with different shapes ({@code mismatched}; not loaded).
 *
 * @param loaded number of tensors copied
 * @param missing model keys absent from the file
 * @param unexpected file keys the model does not have
 * @param mismatched same key, different shape
 */
public record LoadReport(
    int loaded, List<String> missing, List<String> unexpected, List<Mismatch> mismatched) {
  /** A key whose shape differs between model and file. */
  public record Mismatch(String name, long[] expected, long[] found) {
    @Override
    public String toString() {
      return name
          + " (expected "
          + java.util.Arrays.toString(expected)
          + ", found "
          + java.util.Arrays.toString(found)
          + ")";
    }
  }

  /** Copies the lists. */
  public LoadReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    mismatched = List.copyOf(mismatched);
  }

  /** Whether every model key was loaded and nothing was left over. */
  public boolean isComplete() {
    return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
  }

  /** One line: the counts and the first few names of each kind (for error messages). */
  public String summary() {
    return "loaded "
        + loaded
        + "; missing "
        + missing.size()
        + first(missing)
        + "; unexpected "
        + unexpected.size()
        + first(unexpected)
        + "; shape mismatch "
        + mismatched.size()
        + first(mismatched);
  }

  private static String first(List<?> items) {
    if (items.isEmpty()) {
      return "";
    }
    List<?> head = items.subList(0, Math.min(4, items.size()));
    return " " + head + (items.size() > head.size() ? " ..." : "");
  }

  /** A multi-line human-readable summary. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("loaded ").append(loaded).append(" tensors");
    if (!missing.isEmpty()) {
      sb.append("\nmissing (").append(missing.size()).append("): ").append(missing);
    }
    if (!unexpected.isEmpty()) {
      sb.append("\nunexpected (").append(unexpected.size()).append("): ").append(unexpected);
    }
    if (!mismatched.isEmpty()) {
      sb.append("\nshape mismatch (").append(mismatched.size()).append("): ").append(mismatched);
    }
    return sb.toString();
  }
}

package org.mlpvision.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.function.Function;
import org.mlpvision.core.config.ConfigLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --json} switch of commands that print one report map, and the printing itself: JSON
 * through {@link ConfigLoader#mapper()} (the same mapper, hence the same layout, as every other
 * JSON the project writes), or one {@code key value} line per entry with the keys padded to a width
 * each command keeps from before, so neither form changes for scripts reading it.
 *
 * <p>Commands whose {@code --json} names a file to write, or whose help lists the JSON keys, keep
 * their own option; the static {@link #print(Map, boolean, int, Function)} serves the latter.
 */
public final class ReportOutput {
  @Option(names = "--json", description = "Print JSON instead of aligned text")
  boolean json;

  /** Whether {@code --json} was given. */
  public boolean json() {
    return json;
  }

  /** Prints {@code report} as JSON or as {@code key value} lines with keys in {@code keyWidth}. */
  public void print(Map<String, ?> report, int keyWidth) throws JsonProcessingException {
    print(report, json, keyWidth, Function.identity());
  }

  /**
   * Like {@link #print(Map, int)}, but in text a value that is itself a map becomes a {@code key:}
   * line followed by its entries indented by two spaces (JSON nests anyway).
   */
  public void printNested(Map<String, ?> report, int keyWidth) throws JsonProcessingException {
    if (json) {
      printJson(report);
    } else {
      printTree(report, "", keyWidth);
    }
  }

  /**
   * Prints {@code report} as JSON when {@code json}, else as {@code key value} lines with keys
   * left-aligned in {@code keyWidth} columns and each value passed through {@code textValue} (for
   * values whose {@code toString} is not readable, such as arrays).
   */
  public static void print(
      Map<String, ?> report, boolean json, int keyWidth, Function<Object, ?> textValue)
      throws JsonProcessingException {
    if (json) {
      printJson(report);
    } else {
      String line = "%-" + keyWidth + "s %s%n";
      report.forEach((k, v) -> System.out.printf(line, k, textValue.apply(v)));
    }
  }

  private static void printJson(Map<String, ?> report) throws JsonProcessingException {
    System.out.println(ConfigLoader.mapper().writeValueAsString(report));
  }

  private static void printTree(Map<?, ?> m, String indent, int keyWidth) {
    String line = "%s%-" + keyWidth + "s %s%n";
    m.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> sub) {
            System.out.println(indent + k + ":");
            printTree(sub, indent + "  ", keyWidth);
          } else {
            System.out.printf(line, indent, k, v);
          }
        });
  }
}

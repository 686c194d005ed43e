package org.mlpvision.spark.driver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.spark.io.HadoopFiles;

/**
 * The driver's half of the output protocol: every task attempt stages its part of an output file
 * under a name of its own; the driver, holding exactly one accepted result per partition, joins the
 * parts those results name, in partition order, into the one output file, and deletes the staging
 * folder with whatever failed or duplicate attempts left there. No part is read twice and none of a
 * failed attempt is read at all, so a retried task never duplicates an entry.
 */
public final class OutputCommit {
  private OutputCommit() {}

  /**
   * Joins JSON-array parts ({@code [a,b]}, {@code []}, {@code [c]}) into one array ({@code
   * [a,b,c]}), byte for byte what one writer of all the entries would have written.
   */
  public static void jsonArrays(List<String> parts, String target) {
    HadoopFiles.writeAtomically(
        target,
        out -> {
          out.write('[');
          boolean first = true;
          for (String part : parts) {
            long n = HadoopFiles.length(part);
            try (InputStream in = HadoopFiles.open(part)) {
              if (n < 2 || in.read() != '[') {
                throw new IOException(part + ": not a JSON array");
              }
              if (n == 2) {
                if (in.read() != ']') {
                  throw new IOException(part + ": not a JSON array");
                }
                continue;
              }
              if (!first) {
                out.write(',');
              }
              first = false;
              copy(in, out, n - 2);
            }
          }
          out.write(']');
        });
  }

  /** Joins line-oriented parts ({@code .jsonl}) into one file. */
  public static void lines(List<String> parts, String target) {
    HadoopFiles.writeAtomically(
        target,
        out -> {
          for (String part : parts) {
            try (InputStream in = HadoopFiles.open(part)) {
              in.transferTo(out);
            }
          }
        });
  }

  /**
   * Writes the COCO {@code images} entries ({@code id}, {@code file_name}, {@code width}, {@code
   * height}) a results file on plain images refers to, as {@code vision infer} does.
   *
   * @param entries {@code [id, width, height]} with the file name of each
   */
  public static void images(List<long[]> entries, List<String> fileNames, String target) {
    ArrayNode list = ConfigLoader.mapper().createArrayNode();
    for (int i = 0; i < entries.size(); i++) {
      long[] e = entries.get(i);
      list.addObject()
          .put("id", e[0])
          .put("file_name", fileNames.get(i))
          .put("width", e[1])
          .put("height", e[2]);
    }
    HadoopFiles.writeAtomically(
        target,
        out ->
            out.write(
                (ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(list)
                        + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("part ended " + left + " bytes early");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }
}

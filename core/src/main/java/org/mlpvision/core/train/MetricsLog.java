package org.mlpvision.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;

/**
 * {@code metrics.jsonl}: one JSON object per line, each with an {@code iter} field. A resumed run
 * first drops the lines written after its checkpoint, so the file never repeats an iteration.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper LINE =
      ConfigLoader.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);
  private final Path file;
  private final BufferedWriter out;

  /**
   * Opens {@code file} for appending, first keeping only lines with {@code iter <= keepUpTo}.
   *
   * @param keepUpTo the resumed iteration; 0 (a fresh run) clears the file
   */
  public MetricsLog(Path file, long keepUpTo) throws IOException {
    this.file = file;
    List<String> kept = new ArrayList<>();
    if (keepUpTo > 0 && Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode n = parse(line);
        if (n != null && n.path("iter").asLong(Long.MAX_VALUE) <= keepUpTo) {
          kept.add(line);
        }
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** Appends one line and flushes it, so that a killed run keeps what it logged. */
  public void write(Map<String, Object> record) throws IOException {
    out.write(LINE.writeValueAsString(record));
    out.newLine();
    out.flush();
  }

  /** Reads every line of a metrics file (a cut-off last line is skipped). */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode n = parse(line);
      if (n != null) {
        rows.add(n);
      }
    }
    return rows;
  }

  private static JsonNode parse(String line) {
    try {
      return line.isBlank() ? null : LINE.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

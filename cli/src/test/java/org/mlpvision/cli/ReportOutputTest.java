package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --json} switch and both output forms of {@link ReportOutput}. */
class ReportOutputTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin ReportOutput output;
  }

  private static Map<String, Object> report() {
    Map<String, Object> sub = new LinkedHashMap<>();
    sub.put("decode", 1.5);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("images", 64);
    r.put("device", "cpu");
    r.put("stage_ms", sub);
    return r;
  }

  /** Runs {@code body} with System.out captured; ReportOutput writes there, like the commands. */
  private static String captured(ThrowingRunnable body) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static ReportOutput parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p.output;
  }

  @Test
  void jsonHoldsTheGivenKeys() throws Exception {
    ReportOutput out = parse("--json");
    assertThat(out.json()).isTrue();
    JsonNode node = ConfigLoader.mapper().readTree(captured(() -> out.print(report(), 24)));
    assertThat(node.fieldNames()).toIterable().containsExactly("images", "device", "stage_ms");
    assertThat(node.get("images").asInt()).isEqualTo(64);
    assertThat(node.get("stage_ms").get("decode").asDouble()).isEqualTo(1.5);
  }

  @Test
  void textPadsKeysToTheGivenWidth() throws Exception {
    ReportOutput out = parse();
    assertThat(out.json()).isFalse();
    String text = captured(() -> out.print(report(), 10)).replace("\r\n", "\n");
    assertThat(text).isEqualTo("images     64\ndevice     cpu\nstage_ms   {decode=1.5}\n");
  }

  @Test
  void nestedTextIndentsSubMaps() throws Exception {
    String text = captured(() -> parse().printNested(report(), 8)).replace("\r\n", "\n");
    assertThat(text).isEqualTo("images   64\ndevice   cpu\nstage_ms:\n  decode   1.5\n");
  }
}

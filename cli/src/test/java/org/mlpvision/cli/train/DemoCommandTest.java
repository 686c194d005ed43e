package org.mlpvision.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.VisionCommand;
import picocli.CommandLine;

class DemoCommandTest {
  @Test
  void anUnknownTaskIsRefusedListingTheDemoTasks(@TempDir Path out) {
    CommandLine cl = VisionCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("demo", "--task", "panoptic", "--out", out.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--task panoptic names no demo task; known: [classification, detection, segmentation]");
  }
}

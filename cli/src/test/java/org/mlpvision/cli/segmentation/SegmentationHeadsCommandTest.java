package org.mlpvision.cli.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.cli.VisionCommand;
import org.mlpvision.segmentation.testing.GoldenHeads;
import picocli.CommandLine;

/** {@code vision segmentation heads} on the public golden cases, judged by compare.py's rules. */
class SegmentationHeadsCommandTest {
  @ParameterizedTest
  @ValueSource(strings = {GoldenHeads.WHOLE, GoldenHeads.TRAIN})
  void writesOutputsThatPassTheReferenceTolerances(String name, @TempDir Path tmp)
      throws Exception {
    Path dir = GoldenHeads.dir(name);
    Path out = tmp.resolve("out.npz");
    int code =
        VisionCommand.commandLine()
            .execute("segmentation", "heads", "--case", dir.toString(), "--out", out.toString());
    assertThat(code).isZero();
    try (NDManager m = NDManager.newBaseManager();
        InputStream in = Files.newInputStream(out)) {
      Map<String, NDArray> produced = new LinkedHashMap<>();
      for (NDArray a : NDList.decode(m, in)) {
        produced.put(a.getName().replace(".npy", ""), a);
      }
      assertThat(GoldenHeads.mismatches(produced, dir, m)).isEmpty();
    }
  }

  @Test
  void aFolderWithoutMetaIsAClearError(@TempDir Path tmp) {
    CommandLine cl = VisionCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code =
        cl.execute("segmentation", "heads", "--case", tmp.toString(), "--out", tmp + "/o.npz");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no meta.json").contains(tmp.toString());
  }
}

package org.mlpvision.segmentation.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.segmentation.testing.GoldenHeads;

/** The official mmseg 0.11 outputs of the public golden cases, reproduced by the heads. */
class HeadsCaseTest {
  @ParameterizedTest
  @ValueSource(strings = {GoldenHeads.WHOLE, GoldenHeads.TRAIN})
  void publicCasesPassTheReferenceTolerances(String name) throws Exception {
    Path dir = GoldenHeads.dir(name);
    try (NDManager m = NDManager.newBaseManager()) {
      HeadsCase c = HeadsCase.open(dir);
      Map<String, NDArray> out = c.run(m);
      assertThat(GoldenHeads.mismatches(out, dir, m)).isEmpty();
      if (c.isTraining()) {
        assertThat(out).containsKeys("decode.loss_seg", "aux.acc_seg", "loss_total");
        assertThat(out.keySet().stream().filter(k -> k.startsWith("grad."))).hasSize(6);
      } else {
        assertThat(out).containsOnlyKeys("decode.logits", "aux.logits", "seg_logits", "pred");
      }
    }
  }

  @Test
  void listedWindowsThatDisagreeWithTheGridAreRejected(@TempDir Path tmp) throws Exception {
    Path src = GoldenHeads.dir(GoldenHeads.WHOLE);
    for (String f : new String[] {"features.npz", "weights.safetensors"}) {
      Files.copy(src.resolve(f), tmp.resolve(f));
    }
    String meta =
        Files.readString(src.resolve("meta.json"))
            .replaceFirst(
                "\"windows_y1_y2_x1_x2\": \\[\\s*\\[\\s*0,\\s*128,",
                "\"windows_y1_y2_x1_x2\": [[0, 120,");
    Files.writeString(tmp.resolve("meta.json"), meta);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HeadsCase.open(tmp).run(m))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("windows_y1_y2_x1_x2");
    }
  }
}

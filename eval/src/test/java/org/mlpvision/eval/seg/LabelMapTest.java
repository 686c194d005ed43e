package org.mlpvision.eval.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapTest {
  @TempDir Path dir;

  @Test
  void writtenLabelsReadBackAsWrittenIn8And16Bits() {
    LabelMap small = new LabelMap(2, 3, new int[] {0, 1, 149, 7, 255, 3});
    small.write(dir.resolve("small.png"), 256);
    assertThat(LabelMap.read(dir.resolve("small.png"))).usingRecursiveComparison().isEqualTo(small);
    LabelMap wide = new LabelMap(1, 3, new int[] {0, 300, 999});
    wide.write(dir.resolve("wide.png"), 1000);
    assertThat(LabelMap.read(dir.resolve("wide.png"))).usingRecursiveComparison().isEqualTo(wide);
  }

  @Test
  void aLabelOutsideTheClassesIsRefusedNamingTheFile() {
    LabelMap m = new LabelMap(1, 2, new int[] {0, 150});
    assertThatThrownBy(() -> m.write(dir.resolve("x.png"), 150))
        .hasMessageContaining("x.png")
        .hasMessageContaining("label 150 is outside [0, 150)");
  }
}

package org.mlpvision.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointTest {
  static Path fixture(String name) throws Exception {
    return Path.of(TorchCheckpointTest.class.getResource("/weights/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain.pt", "wrapped.pth", "dp.pth"})
  void readsTensorsViewsAndDtypesFromRealTorchFiles(String name) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      StateDict sd = StateDict.read(fixture(name), m);
      assertThat(sd.tensors().keySet())
          .containsExactly(
              "a.weight", "a.bias", "view.t", "view.slice", "bn.num_batches_tracked", "h", "p");
      assertThat(sd.get("a.weight").getShape()).isEqualTo(new Shape(2, 3));
      assertThat(sd.get("a.weight").toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
      assertThat(sd.get("a.bias").toFloatArray()).containsExactly(1.5f, -2f);
      // base = arange(12).reshape(3, 4); .t() is (4, 3) with strides (1, 4).
      assertThat(sd.get("view.t").getDataType()).isEqualTo(DataType.FLOAT64);
      assertThat(sd.get("view.t").toDoubleArray())
          .containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
      assertThat(sd.get("view.slice").getShape()).isEqualTo(new Shape(2, 2));
      assertThat(sd.get("view.slice").toDoubleArray()).containsExactly(6, 7, 10, 11);
      assertThat(sd.get("bn.num_batches_tracked").getLong()).isEqualTo(7L);
      assertThat(sd.get("h").getDataType()).isEqualTo(DataType.FLOAT16);
      assertThat(sd.get("h").toType(DataType.FLOAT32, false).toFloatArray())
          .containsExactly(0.5f, 1f);
      assertThat(sd.get("p").toFloatArray()).containsExactly(3f, 4f);
    }
  }

  @Test
  void refusesCheckpointsThatReferenceOtherGlobals() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> StateDict.read(fixture("unsafe.pth"), m))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("refusing pickle global argparse.Namespace");
    }
  }

  @Test
  void refusesNonZipFilesWithAClearMessage(@TempDir Path dir) throws Exception {
    Path legacy = dir.resolve("old.pth");
    Files.write(legacy, new byte[] {(byte) 0x80, 2, 'K', 1, '.'});
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> StateDict.read(legacy, m))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("old.pth")
          .hasMessageContaining("not a zip-format");
    }
  }

  @Test
  void unknownExtensionsAndMissingFilesAreReported(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> StateDict.read(dir.resolve("x.safetensors"), m))
          .hasMessageContaining("not found");
      Path odd = Files.writeString(dir.resolve("w.bin"), "x");
      assertThatThrownBy(() -> StateDict.read(odd, m)).hasMessageContaining(".safetensors");
    }
  }
}

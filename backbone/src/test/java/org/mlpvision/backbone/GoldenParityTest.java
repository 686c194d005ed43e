package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

/** The official PyTorch outputs of the golden cases, reproduced from their state dicts. */
class GoldenParityTest {
  @ParameterizedTest(name = "{0} from {2}")
  @CsvSource({
    "hire_mlp_narrow_dense_224x224_s1, hire_mlp_narrow.json, weights.safetensors",
    "hire_mlp_narrow_dense_224x224_s1, hire_mlp_narrow.json, weights.npz",
    "as_mlp_narrow_dense_224x224_s1, as_mlp_narrow.json, weights.safetensors",
    "as_mlp_narrow_dense_224x224_s1, as_mlp_narrow.json, weights.npz"
  })
  void denseOutputsMatchTheReferenceWithinRelativeL2(String caseName, String config, String file)
      throws Exception {
    Path dir = TestFiles.golden().resolve(caseName);
    try (NDManager m = NDManager.newBaseManager()) {
      Backbone backbone = Backbones.standard().load(TestFiles.configs().resolve(config)).dense();
      backbone.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      LoadReport report =
          WeightLoader.load(backbone, StateDict.read(dir.resolve(file), m), true, file);
      assertThat(report.isComplete()).isTrue();
      NDArray input = read(m, dir.resolve("input.npy")).singletonOrThrow();
      NDList expected = read(m, dir.resolve("output.npz"));
      FeatureMaps out = backbone.extract(new ParameterStore(m, false), input, false);
      for (NDArray e : expected) {
        NDArray got = out.get(e.getName());
        assertThat(got.getShape()).as(e.getName()).isEqualTo(e.getShape());
        double rel = got.sub(e).norm().getFloat() / e.norm().getFloat();
        assertThat(rel).as("relative L2 of %s", e.getName()).isLessThanOrEqualTo(1e-4);
      }
    }
  }

  private static NDList read(NDManager m, Path p) throws Exception {
    try (InputStream in = Files.newInputStream(p)) {
      return NDList.decode(m, in);
    }
  }
}

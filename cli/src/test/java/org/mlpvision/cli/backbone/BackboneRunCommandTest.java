package org.mlpvision.cli.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.cli.CliRun;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

/**
 * {@code vision backbone run} refuses weights that would leave the model random, and tiny inputs.
 */
class BackboneRunCommandTest {
  /** A narrow Hire-MLP written the way a user passes one. */
  private static final String MODEL =
      "{\"type\": \"hire_mlp\", \"depths\": [1, 1, 1, 1], \"embed_dims\": [8, 16, 24, 32],"
          + " \"mlp_ratios\": [2, 2, 2, 2], \"region_sizes\": [2, 2, 2, 1],"
          + " \"step_stride\": [1, 1, 1, 1], \"step_dilation\": [1, 1, 1, 1]}";

  @TempDir Path dir;

  /** A float32 NCHW {@code .npy} of zeros (format version 1.0). */
  private Path npy(int h, int w) throws Exception {
    String header =
        String.format("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, %d, %d), }", h, w);
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * 3 * h * w);
    b.order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    return Files.write(dir.resolve("x.npy"), b.array());
  }

  private String[] args(Path weights, Path input) throws Exception {
    Path model = Files.writeString(dir.resolve("model.json"), MODEL);
    return new String[] {
      "backbone",
      "run",
      "--model",
      model.toString(),
      "--dense",
      "--weights",
      weights.toString(),
      "--input",
      input.toString(),
      "--out",
      dir.resolve("out.npz").toString(),
      "--threads",
      "1"
    };
  }

  @Test
  void weightsWhoseKeysMatchNothingFailWithoutStrict() throws Exception {
    Path weights = dir.resolve("other.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      new StateDict(Map.of("encoder.layer0.weight", m.ones(new Shape(2))))
          .writeSafetensors(weights);
    }
    CliRun r = CliRun.run(args(weights, npy(32, 32)));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("other.safetensors").contains("fill 0 of");
    assertThat(Files.exists(dir.resolve("out.npz"))).isFalse();
  }

  @Test
  void anInputSmallerThanTheStemFailsWithOneLine() throws Exception {
    Path weights = dir.resolve("own.safetensors");
    Path model = Files.writeString(dir.resolve("model.json"), MODEL);
    try (NDManager m = NDManager.newBaseManager()) {
      Block net = Backbones.standard().resolve(model.toString()).dense();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      WeightLoader.stateDict(net).writeSafetensors(weights);
    }
    CliRun r = CliRun.run(args(weights, npy(2, 2)));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "vision run: Hire-MLP needs an input of at least 3x3 (HxW) for its stem, got 2x2");
  }
}

package org.mlpvision.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.nn.ConvModule.Norm;

class ConvModuleTest {
  @Test
  void namesFollowMmcvAndTheConvDropsItsBiasWhenANormFollows() {
    ConvModule bn = ConvModule.builder().setChannels(3, 8).setKernel(3).optBatchNorm().build();
    assertThat(ParameterNames.of(bn).keySet())
        .containsExactly(
            "conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var");
    ConvModule gn = ConvModule.builder().setChannels(3, 8).setKernel(1).optGroupNorm(4).build();
    assertThat(ParameterNames.of(gn).keySet())
        .containsExactly("conv.weight", "gn.weight", "gn.bias");
    ConvModule plain = ConvModule.builder().setChannels(3, 8).setKernel(1).optRelu(false).build();
    assertThat(ParameterNames.of(plain).keySet()).containsExactly("conv.weight", "conv.bias");
    assertThat(Norm.values()).hasSize(3);
  }

  @Test
  void appliesConvNormAndReluInOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      ConvModule cm = ConvModule.builder().setChannels(1, 1).setKernel(1).optBatchNorm().build();
      cm.initialize(m, DataType.FLOAT32, new Shape(1, 1, 1, 4));
      cm.conv().weight().getArray().set(new float[] {2f});
      NDArray x = m.create(new float[] {-1, 0, 1, 2}, new Shape(1, 1, 1, 4));
      // Inference: BN with running mean 0, variance 1 is the identity, then ReLU.
      NDArray y = cm.apply(new ParameterStore(m, false), x, false);
      assertThat(y.toFloatArray()).containsExactly(new float[] {0, 0, 2, 4}, within(1e-4f));
    }
  }

  @Test
  void initialisersFollowTheirFanRules() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      Conv kaiming =
          Conv.builder().setChannels(16, 64).setKernel(3).optInit(Init.kaimingNormal()).build();
      Conv xavier =
          Conv.builder().setChannels(64, 64).setKernel(1).optInit(Init.xavierUniform()).build();
      Linear normal = new Linear(256, 256, Init.normal(0.01));
      kaiming.initialize(m, DataType.FLOAT32, new Shape(1, 16, 4, 4));
      xavier.initialize(m, DataType.FLOAT32, new Shape(1, 64, 4, 4));
      normal.initialize(m, DataType.FLOAT32, new Shape(1, 256));
      // std √(2/fan_out) with fan_out 64·9; bias zero.
      NDArray w = kaiming.weight().getArray();
      double std = Math.sqrt(w.pow(2).mean().getFloat());
      assertThat(std).isCloseTo(Math.sqrt(2.0 / (64 * 9)), within(0.005));
      assertThat(kaiming.bias().getArray().abs().max().getFloat()).isZero();
      double bound = Math.sqrt(6.0 / 128);
      NDArray xw = xavier.weight().getArray();
      assertThat(xw.abs().max().getFloat()).isLessThanOrEqualTo((float) bound);
      assertThat(xw.abs().max().getFloat()).isGreaterThan((float) (0.95 * bound));
      double nstd =
          Math.sqrt(normal.getParameters().get("weight").getArray().pow(2).mean().getFloat());
      assertThat(nstd).isCloseTo(0.01, within(0.0005));
    }
  }
}

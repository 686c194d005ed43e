package org.mlpvision.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.train.BatchNormMode;
import org.mlpvision.core.train.NormModes;

class BatchNorm2dTest {
  private static NDArray input(NDManager m) {
    // Channel 0 has mean 3 and variance 4 over the batch; channel 1 mean -1, variance 1.
    return m.create(new float[] {1, 5, -2, 0, 1, 5, -2, 0}, new Shape(2, 2, 1, 2));
  }

  @Test
  void trainModeNormalisesWithBatchStatisticsAndMovesTheRunningOnes() {
    try (NDManager m = NDManager.newBaseManager()) {
      BatchNorm2d bn = new BatchNorm2d(2);
      bn.initialize(m, DataType.FLOAT32, new Shape(2, 2, 1, 2));
      NDArray y = bn.apply(new ParameterStore(m, false), input(m), true);
      assertThat(y.get(0, 0).toFloatArray()).containsExactly(new float[] {-1, 1}, within(1e-4f));
      // PyTorch's momentum 0.1 and unbiased variance for the running statistics.
      assertThat(bn.getParameters().get("running_mean").getArray().toFloatArray())
          .containsExactly(new float[] {0.3f, -0.1f}, within(1e-6f));
      assertThat(bn.getParameters().get("running_var").getArray().getFloat(0))
          .isCloseTo(0.9f + 0.1f * 16f / 3f, within(1e-5f));
    }
  }

  @Test
  void evalAndFrozenModesUseRunningStatisticsWhileTraining() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (BatchNormMode mode : new BatchNormMode[] {BatchNormMode.EVAL, BatchNormMode.FROZEN}) {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.initialize(m, DataType.FLOAT32, new Shape(2, 2, 1, 2));
        bn.setMode(mode);
        NDArray x = input(m);
        NDArray y = bn.apply(new ParameterStore(m, false), x, true);
        // Running mean 0 and variance 1: the output is the input up to eps.
        assertThat(y.toFloatArray())
            .as(mode.name())
            .containsExactly(x.toFloatArray(), within(1e-4f));
        assertThat(bn.getParameters().get("running_mean").getArray().toFloatArray())
            .containsOnly(0f);
        assertThat(bn.getParameters().get("weight").requiresGradient())
            .as(mode.name())
            .isEqualTo(mode == BatchNormMode.EVAL);
      }
    }
  }

  @Test
  void normModesSetEveryBatchNormOfATreeAndTrainUnfreezes() {
    ConvModule a = ConvModule.builder().setChannels(3, 4).setKernel(3).optBatchNorm().build();
    Sequential<UnaryLayer> seq = new Sequential<>();
    seq.add(a);
    seq.add(ConvModule.builder().setChannels(4, 4).setKernel(1).optBatchNorm().build());
    assertThat(NormModes.apply(seq, BatchNormMode.FROZEN)).isEqualTo(2);
    for (Parameter p : seq.getParameters().values()) {
      if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA) {
        assertThat(p.requiresGradient()).as(p.getName()).isFalse();
      }
    }
    NormModes.apply(seq, BatchNormMode.TRAIN);
    assertThat(
            seq.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.GAMMA))
        .allMatch(Parameter::requiresGradient);
  }
}

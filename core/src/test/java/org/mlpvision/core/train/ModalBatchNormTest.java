package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ModalBatchNormTest {
  private static NDArray param(ModalBatchNorm bn, String suffix) {
    for (var p : bn.getParameters()) {
      if (p.getKey().endsWith(suffix)) {
        return p.getValue().getArray();
      }
    }
    throw new AssertionError(suffix);
  }

  private static float[] trainStep(ModalBatchNorm bn, NDManager m) {
    NDArray x = m.randomNormal(2, 1, new Shape(4, 3, 2, 2), DataType.FLOAT32);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray y = bn.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
      gc.backward(y.mul(y).sum());
    }
    return param(bn, "runningMean").toFloatArray();
  }

  @Test
  void trainModeUpdatesRunningStatisticsAndEvalModeKeepsThem() {
    try (NDManager m = NDManager.newBaseManager()) {
      ModalBatchNorm bn = ModalBatchNorm.channelsFirst();
      bn.initialize(m, DataType.FLOAT32, new Shape(4, 3, 2, 2));
      float[] before = param(bn, "runningMean").toFloatArray();
      assertThat(trainStep(bn, m)).isNotEqualTo(before);
      bn.setMode(BatchNormMode.EVAL);
      float[] kept = param(bn, "runningMean").toFloatArray();
      assertThat(trainStep(bn, m)).containsExactly(kept);
      assertThat(param(bn, "gamma").getGradient().abs().sum().getFloat()).isPositive();
    }
  }

  @Test
  void frozenModeStopsGradientsToTheAffineParameters() {
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = new SequentialBlock().add(ModalBatchNorm.channelsFirst());
      net.initialize(m, DataType.FLOAT32, new Shape(4, 3, 2, 2));
      ModalBatchNorm.apply(net, BatchNormMode.FROZEN);
      ModalBatchNorm bn = (ModalBatchNorm) net.getChildren().get(0).getValue();
      assertThat(bn.mode()).isEqualTo(BatchNormMode.FROZEN);
      assertThat(bn.getParameters().values()).noneMatch(Parameter::requiresGradient);
    }
  }

  @Test
  void plainDjlBatchNormCannotBeSwitchedAndSaysWhere() {
    SequentialBlock net = new SequentialBlock().add(BatchNorm.builder().build());
    assertThatThrownBy(() -> ModalBatchNorm.apply(net, BatchNormMode.EVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("01BatchNorm");
    ModalBatchNorm.apply(net, BatchNormMode.TRAIN); // nothing to switch, nothing to complain about
  }
}

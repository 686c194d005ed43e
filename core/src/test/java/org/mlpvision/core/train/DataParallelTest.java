package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.device.DeviceSpec;

class DataParallelTest {
  @Test
  void reducesEachParametersGradientAndZeroesItAfterTheStep() {
    try (NDManager m = NDManager.newBaseManager()) {
      Linear lin = Linear.builder().setUnits(1).optBias(false).build();
      lin.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      DataParallel dp = new DataParallel(m, List.of(Device.cpu()));
      NDArray w = lin.getParameters().get(0).getValue().getArray();
      int lasting = m.getManagedArrays().size();
      for (int round = 0; round < 2; round++) {
        try (NDManager scope = m.newSubManager()) {
          NDArray x = scope.create(new float[] {3f, -2f}, new Shape(1, 2));
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(lin.forward(dp.store(), new NDList(x), true).singletonOrThrow().sum());
          }
          Map<String, NDArray> grads = dp.reduceGradients(scope);
          // d(w.x)/dw = x, and not 2x in the second round: the first step's gradient was zeroed.
          assertThat(grads.values()).singleElement();
          assertThat(grads.values().iterator().next().toFloatArray()).containsExactly(3f, -2f);
          dp.finishStep();
          NDArray after = w.getGradient();
          after.attach(scope);
          assertThat(after.toFloatArray()).containsExactly(0f, 0f);
        }
      }
      // The gradient wrappers were freed with their iteration scopes.
      assertThat(m.getManagedArrays()).hasSize(lasting);
    }
  }

  @Test
  void cpuAndAutoWithoutGpusTrainOnOneDevice() {
    assertThat(TrainDevices.select(DeviceSpec.parse("cpu"))).containsExactly(Device.cpu());
    if (Engine.getInstance().getGpuCount() == 0) {
      assertThat(TrainDevices.select(DeviceSpec.parse("auto"))).containsExactly(Device.cpu());
    }
  }
}

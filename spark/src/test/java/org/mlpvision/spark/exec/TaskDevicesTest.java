package org.mlpvision.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class TaskDevicesTest {
  @Test
  void theFirstAssignedGpuWhenTheEngineSeesGpusElseTheCpu() {
    assertThat(TaskDevices.of(new String[] {"1", "0"}, 2)).isEqualTo(Device.gpu(1));
    assertThat(TaskDevices.of(new String[0], 2)).isEqualTo(Device.cpu());
    assertThat(TaskDevices.of(new String[] {"0"}, 0)).isEqualTo(Device.cpu());
  }

  @Test
  void anAssignmentTheEngineCannotUseIsAnErrorNamingIt() {
    assertThatThrownBy(() -> TaskDevices.of(new String[] {"3"}, 2))
        .hasMessageContaining("GPU 3")
        .hasMessageContaining("sees 2");
    assertThatThrownBy(() -> TaskDevices.of(new String[] {"GPU-abc"}, 2))
        .hasMessageContaining("'GPU-abc'");
    assertThatThrownBy(() -> TaskDevices.current("gpu")).hasMessageContaining("auto or cpu");
  }
}

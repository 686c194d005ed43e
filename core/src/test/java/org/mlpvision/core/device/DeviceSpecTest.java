package org.mlpvision.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {
  @Test
  void parsesTheAcceptedForms() {
    assertThat(DeviceSpec.parse("auto")).isEqualTo(DeviceSpec.AUTO);
    assertThat(DeviceSpec.parse("CPU")).isEqualTo(new DeviceSpec("cpu", -1));
    assertThat(DeviceSpec.parse("gpu")).isEqualTo(new DeviceSpec("gpu", 0));
    assertThat(DeviceSpec.parse("gpu:3")).isEqualTo(new DeviceSpec("gpu", 3));
    assertThat(DeviceSpec.parse(" gpu:12 ").toString()).isEqualTo("gpu:12");
  }

  @Test
  void rejectsOtherFormsNamingTheValue() {
    for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "", "cuda:0"}) {
      assertThatThrownBy(() -> DeviceSpec.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void resolvesAgainstTheEngine() {
    assertThat(DeviceSpec.parse("cpu").resolve()).isEqualTo(Device.cpu());
    int gpus = Engine.getInstance().getGpuCount();
    Device auto = DeviceSpec.AUTO.resolve();
    assertThat(auto).isEqualTo(gpus > 0 ? Device.gpu(0) : Device.cpu());
    assertThatThrownBy(() -> DeviceSpec.parse("gpu:" + gpus).resolve())
        .hasMessageContaining("gpu:" + gpus)
        .hasMessageContaining(gpus + " GPU(s)");
  }

  @Test
  void threadCountsMustNotBeNegative() {
    assertThatThrownBy(() -> new ThreadSettings(-1, 0)).hasMessageContaining("-1");
  }

  @Test
  void engineReportNamesPyTorchAndItsVersion() {
    var report = EngineReport.collect();
    assertThat(report.get("engine")).isEqualTo("PyTorch");
    assertThat(report.get("engine_version")).isEqualTo("2.7.1");
    assertThat(report.get("devices").toString()).contains("cpu");
  }
}

package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.device.DeviceSpec;

/**
 * The devices a run trains on: {@code auto} takes every GPU the engine sees (data parallel when
 * there are several) or else the CPU; {@code cpu} and {@code gpu:N} take exactly one device.
 */
public final class TrainDevices {
  private TrainDevices() {}

  /** Resolves {@code spec} against the loaded engine. */
  public static List<Device> select(DeviceSpec spec) {
    if (spec.kind().equals("auto")) {
      int gpus = Engine.getInstance().getGpuCount();
      if (gpus > 1) {
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
          all.add(Device.gpu(i));
        }
        return all;
      }
    }
    return List.of(spec.resolve());
  }
}

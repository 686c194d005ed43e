package org.mlpvision.cli.eval;

import ai.djl.Device;
import org.mlpvision.core.device.DeviceSpec;

/**
 * Where the COCO evaluation commands compute box IoUs. {@code auto} and {@code cpu} mean host
 * threads: the work is a few million scalar formulas, which the host finishes before a GPU transfer
 * would, and the tensor engine (a second of start-up) is then never loaded. Only an explicit {@code
 * gpu:N} loads the engine and runs the box IoUs there.
 */
public final class EvaluationDevice {
  private EvaluationDevice() {}

  /** The device for {@code spec}; loads the engine only for a GPU. */
  public static Device of(DeviceSpec spec) {
    return spec.kind().equals("gpu") ? spec.resolve() : Device.cpu();
  }
}

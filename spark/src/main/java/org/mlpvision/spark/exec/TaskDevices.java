package org.mlpvision.spark.exec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a Spark task predicts on: the first GPU Spark assigned to the task (an application
 * started with {@code spark.executor.resource.gpu.amount} and {@code
 * spark.task.resource.gpu.amount} gives each task its GPU addresses), as long as the engine sees
 * GPUs; otherwise the CPU.
 */
public final class TaskDevices {
  /** The resource name Spark schedules GPUs under. */
  static final String GPU = "gpu";

  private TaskDevices() {}

  /**
   * The device of the task running on this thread.
   *
   * @param choice {@code auto} (Spark's assignment, falling back to the CPU) or {@code cpu}
   * @throws IllegalArgumentException for another choice
   */
  public static Device current(String choice) {
    if (choice.equals("cpu")) {
      return Device.cpu();
    }
    if (!choice.equals("auto")) {
      throw new IllegalArgumentException("device must be auto or cpu, got '" + choice + "'");
    }
    TaskContext task = TaskContext.get();
    ResourceInformation gpus = task == null ? null : task.resourcesJMap().get(GPU);
    return of(gpus == null ? new String[0] : gpus.addresses(), Engine.getInstance().getGpuCount());
  }

  /**
   * The device for the assigned GPU {@code addresses} when the engine sees {@code visible} GPUs.
   */
  static Device of(String[] addresses, int visible) {
    if (addresses.length == 0 || visible == 0) {
      return Device.cpu();
    }
    int id;
    try {
      id = Integer.parseInt(addresses[0].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Spark assigned GPU address '" + addresses[0] + "', not a device index", e);
    }
    if (id < 0 || id >= visible) {
      throw new IllegalArgumentException(
          "Spark assigned GPU " + id + " but the engine sees " + visible + " GPU(s)");
    }
    return Device.gpu(id);
  }
}

package org.mlpvision.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device request as users write it: {@code auto} (the first GPU when the engine has one, else the
 * CPU), {@code cpu}, or {@code gpu:N}.
 *
 * @param kind {@code auto}, {@code cpu} or {@code gpu}
 * @param index GPU index for {@code gpu}, otherwise -1
 */
public record DeviceSpec(String kind, int index) {
  private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

  /** The {@code auto} request. */
  public static final DeviceSpec AUTO = new DeviceSpec("auto", -1);

  /**
   * Parses {@code auto}, {@code cpu}, {@code gpu} (= {@code gpu:0}) or {@code gpu:N}.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted forms
   */
  public static DeviceSpec parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu:N, got null");
    }
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("auto") || t.equals("cpu")) {
      return new DeviceSpec(t, -1);
    }
    Matcher m = GPU.matcher(t);
    if (m.matches()) {
      return new DeviceSpec("gpu", m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }
    throw new IllegalArgumentException(
        "device must be auto, cpu or gpu:N (N >= 0), got '" + text + "'");
  }

  /**
   * Resolves the request against the engine that is loaded.
   *
   * @throws IllegalArgumentException when a GPU is requested that the engine does not see
   */
  public Device resolve() {
    Engine engine = Engine.getInstance();
    return switch (kind) {
      case "cpu" -> Device.cpu();
      case "auto" -> engine.getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
      default -> {
        int count = engine.getGpuCount();
        if (index >= count) {
          throw new IllegalArgumentException(
              "device gpu:" + index + " requested but the engine sees " + count + " GPU(s)");
        }
        yield Device.gpu(index);
      }
    };
  }

  @Override
  public String toString() {
    return kind.equals("gpu") ? "gpu:" + index : kind;
  }
}

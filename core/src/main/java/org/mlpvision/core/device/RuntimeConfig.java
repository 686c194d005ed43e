package org.mlpvision.core.device;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Matches;
import org.mlpvision.core.config.Range;

/**
 * The {@code runtime} section shared by every recipe: where to run and with how many threads.
 *
 * @param device {@code auto} (default), {@code cpu} or {@code gpu:N}
 * @param intraOpThreads PyTorch intra-op threads, 0 (default) for the engine's choice
 * @param interOpThreads PyTorch inter-op threads, 0 (default) for the engine's choice
 * @param seed global random seed (default 42)
 */
public record RuntimeConfig(
    @Matches(value = "auto|cpu|gpu(:\\d+)?", description = "auto, cpu or gpu:N") String device,
    @Range(min = 0, max = 1024) Integer intraOpThreads,
    @Range(min = 0, max = 1024) Integer interOpThreads,
    Long seed) {

  /** Fills defaults and checks the device string. */
  public RuntimeConfig {
    device = Defaults.or(device, "auto");
    intraOpThreads = Defaults.or(intraOpThreads, 0);
    interOpThreads = Defaults.or(interOpThreads, 0);
    seed = Defaults.or(seed, 42L);
  }

  /** All defaults. */
  public static RuntimeConfig defaults() {
    return new RuntimeConfig(null, null, null, null);
  }

  /** The parsed device request. */
  public DeviceSpec deviceSpec() {
    return DeviceSpec.parse(device);
  }

  /** The thread settings. */
  public ThreadSettings threads() {
    return new ThreadSettings(intraOpThreads, interOpThreads);
  }
}

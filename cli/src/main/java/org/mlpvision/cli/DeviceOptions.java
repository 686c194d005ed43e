package org.mlpvision.cli;

import ai.djl.Device;
import org.mlpvision.core.device.DeviceSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --device auto|cpu|gpu:N} option (default {@code auto}) of the commands that run on one
 * device. Shared so the flag, its default and its validation cannot drift apart between commands;
 * commands whose {@code --device} has other semantics (the train commands, where no value means
 * "take the recipe's") keep their own.
 */
public final class DeviceOptions {
  // The field keeps the name "device": picocli derives the help label <device> from it.
  @Option(
      names = "--device",
      defaultValue = "auto",
      converter = SpecConverter.class,
      description = "auto, cpu or gpu:N (default ${DEFAULT-VALUE})")
  DeviceSpec device;

  /** The request as parsed (not yet checked against the engine). */
  public DeviceSpec spec() {
    return device;
  }

  /**
   * Resolves the request against the engine; this loads the engine, so thread settings must be
   * applied first.
   */
  public Device resolve() {
    return device.resolve();
  }

  /**
   * Parses the value while the command line is read, so a typo fails before any work (and before
   * the engine loads) with picocli's usage message naming the value.
   */
  static final class SpecConverter implements ITypeConverter<DeviceSpec> {
    @Override
    public DeviceSpec convert(String value) {
      try {
        return DeviceSpec.parse(value);
      } catch (IllegalArgumentException e) {
        // TypeConversionException makes picocli print the message as is, without a stack trace.
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

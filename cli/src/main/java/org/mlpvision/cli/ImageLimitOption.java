package org.mlpvision.cli;

import org.mlpvision.datasets.transform.ImageLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --max-image-pixels N} option of commands that read images: sets the process-wide
 * decompression-bomb limit of {@link ImageLimits} (warn above N pixels, refuse above 2N); without
 * it the system property {@value ImageLimits#PROPERTY} or Pillow's default applies.
 */
public final class ImageLimitOption {
  @Option(
      names = "--max-image-pixels",
      paramLabel = "N",
      description =
          "Warn about images above N pixels and refuse those above 2N before decoding (default"
              + " Pillow's 89478485, or -D"
              + ImageLimits.PROPERTY
              + ")")
  void set(long pixels) {
    if (pixels < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-image-pixels must be at least 1, got '" + pixels + "'");
    }
    ImageLimits.setMaxPixels(pixels);
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;
}

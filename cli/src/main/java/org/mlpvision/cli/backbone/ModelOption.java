package org.mlpvision.cli.backbone;

import ai.djl.nn.Block;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.backbone.Backbones;
import picocli.CommandLine.Option;

/** The {@code --model NAME|CONFIG.json} and {@code --dense} options shared by backbone commands. */
public final class ModelOption {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME|CONFIG.json",
      description = "Variant name (hire_mlp_tiny .. as_mlp_base) or a backbone config file")
  String model;

  @Option(names = "--dense", description = "Dense backbone (4 feature maps) instead of classifier")
  boolean dense;

  /** The resolved architecture. */
  public BackboneConfig config() {
    return Backbones.standard().resolve(model);
  }

  /** The model name as given. */
  public String name() {
    return model;
  }

  /** Whether the dense form was asked for. */
  public boolean dense() {
    return dense;
  }

  /** Builds the requested form (not initialised). */
  public Block build() {
    BackboneConfig c = config();
    return dense ? c.dense() : c.classifier();
  }

  /** Parses {@code HxW} or {@code S}. */
  public static long[] parseSize(String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 1) {
        long s = Long.parseLong(parts[0].trim());
        return check(text, s, s);
      }
      if (parts.length == 2) {
        return check(text, Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "--input must be HxW or S (e.g. 224x224), got '" + text + "'");
  }

  private static long[] check(String text, long h, long w) {
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException("--input sizes must be >= 1, got '" + text + "'");
    }
    return new long[] {h, w};
  }
}

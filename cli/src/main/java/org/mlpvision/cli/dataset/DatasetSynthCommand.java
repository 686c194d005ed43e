package org.mlpvision.cli.dataset;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision dataset synth}: writes a deterministic synthetic set in a real format. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic data set (coco-shapes or ade-shapes), deterministic by seed.")
public final class DatasetSynthCommand implements Callable<Integer> {
  /** The synthetic set kinds. */
  public enum Kind {
    COCO_SHAPES("coco-shapes"),
    ADE_SHAPES("ade-shapes");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  @Option(
      names = "--kind",
      required = true,
      converter = KindConverter.class,
      description = "coco-shapes | ade-shapes")
  Kind kind;

  @Option(names = "--out", required = true, description = "Output directory")
  Path out;

  @Option(names = "--images", defaultValue = "64", description = "Training images (default 64)")
  int images;

  @Option(
      names = "--val-images",
      defaultValue = "-1",
      description = "Validation images (default: a quarter of --images, at least 1)")
  int valImages;

  @Option(names = "--size", defaultValue = "320x240", description = "WxH (default 320x240)")
  String size;

  @Option(names = "--seed", defaultValue = "0", description = "Random seed (default 0)")
  long seed;

  /** Parses {@code coco-shapes} / {@code ade-shapes}. */
  static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
    @Override
    public Kind convert(String value) {
      for (Kind k : Kind.values()) {
        if (k.label.equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new IllegalArgumentException("expected coco-shapes or ade-shapes, got " + value);
    }
  }

  @Override
  public Integer call() {
    String[] wh = size.toLowerCase().split("x");
    if (wh.length != 2 || !wh[0].matches("\\d{1,5}") || !wh[1].matches("\\d{1,5}")) {
      throw new IllegalArgumentException("--size must be WxH, e.g. 320x240, got " + size);
    }
    int val = valImages >= 0 ? valImages : Math.max(1, (images + 3) / 4);
    SynthSpec spec =
        new SynthSpec(out, images, val, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), seed);
    if (kind == Kind.COCO_SHAPES) {
      for (Path p : CocoShapesWriter.write(spec)) {
        System.out.println("wrote " + p);
      }
    } else {
      AdeShapesWriter.write(spec);
      System.out.println("wrote " + out.resolve("images") + " and " + out.resolve("annotations"));
    }
    System.out.printf("%s: %d training + %d validation images of %s%n", kind, images, val, size);
    return 0;
  }
}

package org.mlpvision.cli.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ImageLimitOption;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelExporter;
import org.mlpvision.zoo.infer.FolderInference;
import org.mlpvision.zoo.infer.ImageInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vision infer}: a model over an image or a folder of images, with pictures and the files
 * programs read ({@link FolderInference}); bad images are reported by name and skipped.
 */
@Command(
    name = "infer",
    description = {
      "Predict an image or a folder of images with a model directory (or a recipe and its"
          + " checkpoint).",
      "Writes OUT/<image>.png (detections or the segmentation drawn over the image), and"
          + " OUT/results.json + OUT/images.json (detection, COCO results) or OUT/labels/<image>.png"
          + " (segmentation, class indices).",
      "Unreadable images (missing, corrupt, above the pixel limit) are reported by name and"
          + " skipped."
    })
public final class InferCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR|RECIPE",
      description = "A model directory (vision export), or a recipe JSON with --checkpoint")
  Path model;

  @Option(names = "--checkpoint", description = "The recipe's checkpoint (with a recipe only)")
  Path checkpoint;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE|DIR",
      description = "An image, or a folder of images (" + "jpg, png, bmp, tif, webp)")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder")
  Path out;

  @Option(
      names = "--score-thr",
      defaultValue = "0.3",
      description =
          "Least score of a drawn detection (default ${DEFAULT-VALUE}; results.json"
              + " keeps every detection)")
  double scoreThr;

  @Mixin DeviceOptions device;

  @Mixin ThreadOptions threads;

  @Mixin ImageLimitOption imageLimit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!(scoreThr >= 0 && scoreThr <= 1)) {
      throw new ParameterException(
          spec.commandLine(), "--score-thr must be in [0, 1], got " + scoreThr);
    }
    List<Path> images = ImageInputs.list(input);
    threads.apply();
    Path exported = null;
    try {
      ModelDirectory dir;
      if (Files.isDirectory(model)) {
        if (checkpoint != null) {
          throw new ParameterException(
              spec.commandLine(),
              "--checkpoint goes with a recipe; the model directory " + model + " has its weights");
        }
        dir = ModelDirectory.open(model);
      } else if (!Files.isRegularFile(model)) {
        throw new IOException(model + ": no such model directory or recipe file");
      } else {
        if (checkpoint == null) {
          throw new ParameterException(
              spec.commandLine(), "--model " + model + " is a recipe: give its --checkpoint");
        }
        exported = Files.createTempDirectory("vision-infer-model");
        dir = ModelExporter.export(model, checkpoint, exported);
      }
      FolderInference.Summary s = run(dir, images);
      System.out.printf(
          Locale.ROOT,
          "%d images predicted into %s, %d skipped%n",
          s.predicted(),
          out,
          s.skipped().size());
      for (FolderInference.Skipped k : s.skipped()) {
        spec.commandLine().getErr().println("skipped " + k.image() + ": " + k.reason());
      }
      return 0;
    } finally {
      if (exported != null) {
        deleteTree(exported);
      }
    }
  }

  private FolderInference.Summary run(ModelDirectory dir, List<Path> images) throws Exception {
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("infer")
            .setInitialMax(images.size())
            .setUnit(" img", 1)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setMaxRenderedLength(120)
            .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
            .startsFrom(0, Duration.ZERO)
            .build()) {
      return FolderInference.run(
          dir,
          images,
          out,
          scoreThr,
          device.resolve(),
          (image, problem) -> {
            if (problem != null) {
              bar.setExtraMessage("skipped " + image.getFileName());
            }
            bar.step();
          });
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package org.mlpvision.eval.seg;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Evaluates a folder of predicted PNG label maps against a folder of ground-truth PNGs, pairing
 * files by stem ({@code ADE_val_00000001.png} with {@code ADE_val_00000001.png}). Every ground
 * truth needs a prediction; extra predictions are ignored. Palette PNGs give their indices, as
 * mmseg reads them through Pillow; messages name each file with its folder.
 */
public final class LabelMapDirectories {
  private LabelMapDirectories() {}

  /**
   * Feeds every pair through {@code evaluator} (which is not reset first) and returns its metrics.
   *
   * @throws IOException naming the folder or file that is missing
   * @throws IllegalArgumentException naming the files whose sizes differ
   * @throws org.mlpvision.datasets.DatasetException naming a file that is not a readable label map
   */
  public static SegmentationMetrics evaluate(
      Path groundTruthDir, Path predictionDir, SegmentationEvaluator evaluator) throws IOException {
    List<Path> gts = pngs(groundTruthDir);
    if (gts.isEmpty()) {
      throw new IOException(groundTruthDir + ": no .png label maps");
    }
    if (!Files.isDirectory(predictionDir)) {
      throw new IOException(predictionDir + ": not a directory");
    }
    for (Path gtFile : gts) {
      Path predFile = predictionDir.resolve(gtFile.getFileName().toString());
      if (!Files.isRegularFile(predFile)) {
        throw new IOException(predFile + ": missing prediction for ground truth " + gtFile);
      }
      LabelMap gt = LabelMap.read(gtFile);
      LabelMap pred = LabelMap.read(predFile);
      if (gt.height() != pred.height() || gt.width() != pred.width()) {
        throw new IllegalArgumentException(
            String.format(
                "%s: prediction is %dx%d (HxW) but the ground truth %s is %dx%d",
                predFile, pred.height(), pred.width(), gtFile, gt.height(), gt.width()));
      }
      try (NDManager scope = NDManager.newBaseManager()) {
        evaluator.process(gtFile + " and " + predFile, gt.toNDArray(scope), pred.toNDArray(scope));
      }
    }
    return evaluator.evaluate();
  }

  private static List<Path> pngs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }
}

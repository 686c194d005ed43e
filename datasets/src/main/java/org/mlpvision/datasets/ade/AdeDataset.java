package org.mlpvision.datasets.ade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.SkipLog;

/**
 * An ADE20K SceneParsing split: {@code root/images/<split>/*.jpg}, each paired with {@code
 * root/annotations/<split>/<stem>.png} (mmseg's {@code img_suffix='.jpg'}, {@code
 * seg_map_suffix='.png'}), sorted by file name.
 */
public final class AdeDataset {
  /** The splits of the SceneParsing layout. */
  public static final List<String> SPLITS = List.of("training", "validation");

  private final Path root;
  private final String split;
  private final List<AdeSample> samples;
  private final List<String> skipped;

  private AdeDataset(Path root, String split, List<AdeSample> samples, List<String> skipped) {
    this.root = root;
    this.split = split;
    this.samples = List.copyOf(samples);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Lists a split. An image without its label PNG is an error, or with {@code skipInvalid} a
   * logged, counted skip.
   */
  public static AdeDataset open(Path root, String split, boolean skipInvalid) {
    if (!SPLITS.contains(split)) {
      throw new IllegalArgumentException("split must be one of " + SPLITS + ", got " + split);
    }
    Path images = root.resolve("images").resolve(split);
    Path labels = root.resolve("annotations").resolve(split);
    if (!Files.isDirectory(images)) {
      throw new DatasetException(images.toString(), "", "", "image directory not found");
    }
    if (!Files.isDirectory(labels)) {
      throw new DatasetException(labels.toString(), "", "", "annotation directory not found");
    }
    List<AdeSample> samples = new ArrayList<>();
    SkipLog log = new SkipLog(skipInvalid);
    try (Stream<Path> files = Files.list(images)) {
      for (Path img :
          files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList()) {
        String name = img.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        Path png = labels.resolve(stem + ".png");
        log.attempt(
            () -> {
              if (!Files.isRegularFile(png)) {
                throw new DatasetException(
                    png.toString(), "image " + stem, "", "label map not found");
              }
              samples.add(new AdeSample(stem, img, png));
            });
      }
    } catch (IOException e) {
      throw new DatasetException(images.toString(), "", "", "cannot list: " + e.getMessage());
    }
    return new AdeDataset(root, split, samples, log.skipped());
  }

  /** The data set root ({@code ADEChallengeData2016}). */
  public Path root() {
    return root;
  }

  /** {@code training} or {@code validation}. */
  public String split() {
    return split;
  }

  /** Samples sorted by file name. */
  public List<AdeSample> samples() {
    return samples;
  }

  /** One message per image skipped for a missing label map. */
  public List<String> skipped() {
    return skipped;
  }
}

package org.mlpvision.detection.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.coco.ImagePaths;
import org.mlpvision.datasets.loader.CocoSource;
import org.mlpvision.datasets.loader.LoaderConfig;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.synth.CocoShapesWriter;

/**
 * The COCO-format data of a run: the training loader (the recipe's training pipeline, shuffled by
 * seed, mmdet's image filters) and the evaluation splits (the test pipeline, one image per batch in
 * file order, every image). Generates the synthetic set first when the recipe asks for it and the
 * data root holds no annotations yet.
 */
public final class CocoData {
  /** Batches decoded ahead of the model. */
  private static final int PREFETCH = 4;

  /** mmdet drops training images whose shorter side is below this ({@code _filter_imgs}). */
  private static final int MIN_SIZE = 32;

  private final DetDataConfig config;
  private final Path root;
  private final String source;

  /**
   * @param config the recipe's data section
   * @param workDir the run's work directory (where a synthesized set goes)
   * @param source the recipe file, for error messages
   */
  public CocoData(DetDataConfig config, Path workDir, String source) {
    this.config = config;
    this.root = config.rootFor(workDir);
    this.source = source;
    if (config.synth() != null && !Files.exists(root.resolve(config.train().annFile()))) {
      CocoShapesWriter.write(config.synth().spec(root));
    }
  }

  /** The annotations of {@code split} as read (all images; what COCO evaluation compares with). */
  public CocoDataset dataset(DetSplitConfig split) {
    return CocoReader.read(root.resolve(split.annFile()), split.skipInvalid());
  }

  /** The training loader with {@code withMasks} bitmaps; close it to stop its threads. */
  public PrefetchLoader trainLoader(long seed, boolean withMasks) {
    DetSplitConfig split = config.train();
    MmdetPipeline.Built p = MmdetPipeline.build(split.pipeline(), source, "data.train.pipeline");
    CocoInstances images = new CocoInstances(dataset(split), split.filterEmptyGt(), MIN_SIZE);
    CocoSource src =
        new CocoSource(
            images, root.resolve(split.imgPrefix()), p.transform(), withMasks && p.masks());
    return new PrefetchLoader(
        src,
        new LoaderConfig(
            config.samplesPerGpu(), config.workersPerGpu(), PREFETCH, true, seed, false, 32));
  }

  /**
   * The loader of an evaluation split: every image, in file order, one per batch (mmdet tests one
   * image at a time); close it to stop its threads.
   *
   * @param key {@code val} or {@code test}, for error messages
   */
  public PrefetchLoader evalLoader(DetSplitConfig split, String key) {
    MmdetPipeline.Built p =
        MmdetPipeline.build(split.pipeline(), source, "data." + key + ".pipeline");
    CocoInstances images = new CocoInstances(dataset(split), false, 0);
    CocoSource src = new CocoSource(images, root.resolve(split.imgPrefix()), p.transform(), false);
    return new PrefetchLoader(
        src, new LoaderConfig(1, config.workersPerGpu(), PREFETCH, false, 0, false, 32));
  }

  /** The image file of each image id of {@code split}. */
  public LongFunction<Path> imageFiles(DetSplitConfig split) {
    CocoDataset set = dataset(split);
    Path prefix = root.resolve(split.imgPrefix());
    return id -> ImagePaths.resolve(prefix, set.image(id).fileName());
  }
}

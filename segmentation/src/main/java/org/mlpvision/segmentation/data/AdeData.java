package org.mlpvision.segmentation.data;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.ade.AdeDataset;
import org.mlpvision.datasets.ade.AdeSample;
import org.mlpvision.datasets.loader.AdeSource;
import org.mlpvision.datasets.loader.Batch;
import org.mlpvision.datasets.loader.HostBatch;
import org.mlpvision.datasets.loader.LoaderConfig;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.Sample;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.seg.SemanticSegEvaluator.GroundTruthMaps;
import org.opencv.core.Mat;

/**
 * The ADE20K-layout data of a run: the training loader (the recipe's training pipeline, shuffled
 * and seeded, full batches only) and the validation split as the inference driver reads it (the
 * test pipeline, one image per batch and no padding, as mmseg tests), with its ground-truth folder.
 * Generates the synthetic set first when the recipe asks for it and the root has no images.
 */
public final class AdeData {
  /** Decoding threads of each loader. */
  private static final int WORKERS = 2;

  private final SegDataConfig config;
  private final Path root;

  /**
   * @param config the recipe's data section
   * @param workDir the run's work directory (where a synthesized set goes)
   */
  public AdeData(SegDataConfig config, Path workDir) {
    this.config = config;
    this.root = config.rootFor(workDir);
    if (config.synth() != null && !Files.isDirectory(root.resolve("images"))) {
      AdeShapesWriter.write(config.synth().spec(root));
    }
  }

  /** The data set root. */
  public Path root() {
    return root;
  }

  /** The validation split. */
  public AdeDataset validation() {
    return AdeDataset.open(root, config.valSplit(), false);
  }

  /** The training loader; close it to stop its threads. */
  public PrefetchLoader trainLoader(long seed) {
    AdeDataset train = AdeDataset.open(root, config.trainSplit(), false);
    AdeSource source = new AdeSource(train, config.pipeline().train(), config.reduceZeroLabel());
    // The pipeline pads every image to the crop size, so collation adds no padding (divisor 1).
    return new PrefetchLoader(
        source, new LoaderConfig(config.samplesPerGpu(), WORKERS, 4, true, seed, true, 1));
  }

  /**
   * The validation loader, one image per batch in file order, through the test pipeline; close it
   * to stop its threads.
   */
  public PrefetchLoader validationLoader() {
    AdeSource source =
        new AdeSource(validation(), config.pipeline().test(), config.reduceZeroLabel());
    return new PrefetchLoader(source, new LoaderConfig(1, WORKERS, 2, false, 0, false, 1));
  }

  /** The validation images as one-image lists, read by the inference driver. */
  public static EvalData<ImageList> images(PrefetchLoader loader) {
    return EvalData.ofLoader(loader, AdeData::imageList);
  }

  /** A collated batch's images and metas on the scope's device. */
  public static ImageList imageList(HostBatch host, NDManager scope) {
    Batch b = host.toDevice(scope);
    return new ImageList(b.images(), b.metas());
  }

  /**
   * The multi-scale + flip views of every validation image (mmseg's {@code --aug-test}), one
   * image's views per batch.
   */
  public EvalData<List<ImageList>> augViews(double... ratios) {
    AdeDataset val = validation();
    var tta = config.pipeline().augTest(ratios);
    return EvalData.ofRanges(
        val.samples().size(),
        1,
        (from, to, scope) -> {
          AdeSample s = val.samples().get(from);
          Mat bgr = ImageFiles.readBgr(s.image(), "image " + s.stem());
          List<ImageList> views = new ArrayList<>();
          try {
            for (Sample v : tta.views(s.stem(), bgr)) {
              try (v) {
                views.add(imageList(HostBatch.collate(List.of(v), 1), scope));
              }
            }
          } finally {
            bgr.release();
          }
          return views;
        });
  }

  /** The validation ground truth, read as stored ({@code annotations/<split>/<id>.png}). */
  public GroundTruthMaps groundTruth() {
    return GroundTruthMaps.directory(root.resolve("annotations").resolve(config.valSplit()));
  }

  /** The validation image of {@code id}. */
  public Path validationImage(String id) {
    return root.resolve("images").resolve(config.valSplit()).resolve(id + ".jpg");
  }
}

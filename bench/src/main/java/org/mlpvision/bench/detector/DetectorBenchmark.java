package org.mlpvision.bench.detector;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.bench.backbone.BackboneBenchmark;
import org.mlpvision.core.memory.ProcessMemory;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.detector.TwoStageDetector;

/**
 * Times a detector on one image: inference ({@code predict}) or a training step (losses, forward
 * and backward, with a fixed set of ground-truth boxes and masks), as the median over repeats after
 * warm-up, with the same run's matmul rate as the machine's reference. Each iteration allocates in
 * its own scope.
 *
 * <p>Arithmetic: FLOPs = 2 × the MACs of the backbone, neck, RPN and of the RoI heads on the RoI
 * counts of the run (RoI pooling, NMS and losses are not counted); a training step counts 3× its
 * forward (the backward computes input and weight gradients).
 */
public final class DetectorBenchmark {
  /**
   * What to measure.
   *
   * @param height image height (padded up to the detector's size divisibility)
   * @param width image width
   * @param warmup untimed iterations first
   * @param repeats timed iterations
   * @param train time a training step instead of inference
   */
  public record Settings(long height, long width, int warmup, int repeats, boolean train) {
    /** Validates the numbers. */
    public Settings {
      if (height < 32 || width < 32 || warmup < 0 || repeats < 1) {
        throw new IllegalArgumentException(
            "bad benchmark settings: image "
                + height
                + "x"
                + width
                + " (at least 32x32), warmup "
                + warmup
                + ", repeats "
                + repeats);
      }
    }
  }

  /**
   * What was measured.
   *
   * @param msMedian median milliseconds per image (inference) or per training step
   * @param msMin fastest iteration
   * @param gflops achieved GFLOP/s at the median
   * @param matmulGflops GFLOP/s of a 1024³ float32 matmul in the same process (the better of a
   *     measurement before and one after the detector)
   * @param gflopPerIteration GFLOPs of one timed iteration
   * @param peakRssBytes the process's peak resident set size at the end
   * @param stageRois RoIs per box-head stage in the last iteration
   * @param maskRois RoIs per mask-head stage in the last iteration
   * @param samplesMs every timed iteration
   */
  public record Result(
      double msMedian,
      double msMin,
      double gflops,
      double matmulGflops,
      double gflopPerIteration,
      long peakRssBytes,
      long[] stageRois,
      long[] maskRois,
      List<Double> samplesMs) {}

  private DetectorBenchmark() {}

  /** Benchmarks an uninitialised detector. */
  public static Result run(TwoStageDetector detector, Settings s, Device device) {
    int div = detector.neck().sizeDivisibility();
    long padH = (s.height() + div - 1) / div * div;
    long padW = (s.width() + div - 1) / div * div;
    ImageMeta meta =
        new ImageMeta(
            "bench",
            (int) s.height(),
            (int) s.width(),
            (int) s.height(),
            (int) s.width(),
            (int) padH,
            (int) padW,
            1,
            1,
            false,
            0,
            0);
    Shape shape = new Shape(1, 3, padH, padW);
    try (NDManager m = NDManager.newBaseManager(device)) {
      Engine.getInstance().setRandomSeed(0);
      detector.initialize(m, DataType.FLOAT32, shape);
      ParameterStore ps = new ParameterStore(m, false);
      double matmulBefore = BackboneBenchmark.matmulGflops(m, 1024, 3, 10);
      List<Double> samples = new ArrayList<>();
      long[][] counts = null;
      for (int i = 0; i < s.warmup() + s.repeats(); i++) {
        try (NDManager it = m.newSubManager()) {
          ImageList images = new ImageList(it.randomNormal(shape), List.of(meta));
          long t0 = System.nanoTime();
          counts =
              s.train()
                  ? trainStep(detector, ps, images, targets(it, s, padH, padW, detector), i)
                  : infer(detector, ps, images);
          double ms = (System.nanoTime() - t0) / 1e6;
          if (i >= s.warmup()) {
            samples.add(ms);
          }
        }
      }
      double matmul = Math.max(matmulBefore, BackboneBenchmark.matmulGflops(m, 1024, 3, 10));
      double median = BackboneBenchmark.median(samples);
      double flop =
          2.0 * detector.macs(s.height(), s.width(), counts[0], counts[1]) * (s.train() ? 3 : 1);
      return new Result(
          median,
          samples.stream().mapToDouble(Double::doubleValue).min().orElse(median),
          flop / (median / 1e3) / 1e9,
          matmul,
          flop / 1e9,
          ProcessMemory.peakRssBytes(),
          counts[0],
          counts[1],
          samples);
    }
  }

  /** Inference; returns the RoI counts per stage of the box and mask heads. */
  private static long[][] infer(TwoStageDetector d, ParameterStore ps, ImageList images) {
    TwoStageDetector.TestOutputs out = d.simpleTest(ps, images);
    Detections det = out.roi().detections().get(0);
    // Force completion of any lazily evaluated op before the clock stops.
    det.masks().toByteArray();
    // One "stage<i>.rois" intermediate per box-head stage.
    int stages =
        (int) out.roi().intermediates().keySet().stream().filter(k -> k.endsWith(".rois")).count();
    long[] box = new long[stages];
    long[] mask = new long[stages];
    java.util.Arrays.fill(box, out.proposals().get(0).getShape().get(0));
    java.util.Arrays.fill(mask, det.size());
    return new long[][] {box, mask};
  }

  /** One forward and backward pass; returns the sampled RoI counts per stage. */
  private static long[][] trainStep(
      TwoStageDetector d, ParameterStore ps, ImageList images, GtInstances gt, int iteration) {
    FixedStepContext step = new FixedStepContext(iteration, new Random(iteration));
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossTerms losses = d.losses(ps, images, List.of(gt), step);
      gc.backward(losses.total());
    }
    Map<String, Double> sc = step.scalars();
    int stages = (int) sc.keySet().stream().filter(k -> k.endsWith(".num_pos_gt")).count();
    long[] box = new long[stages];
    long[] mask = new long[stages];
    for (int i = 0; i < stages; i++) {
      mask[i] = Math.round(sc.get("s" + i + ".num_pos"));
      box[i] = mask[i] + Math.round(sc.get("s" + i + ".num_neg"));
    }
    return new long[][] {box, mask};
  }

  /**
   * Six boxes of 1/8 to 1/2 of the image side spread over it, with filled masks: a COCO-like number
   * of objects, the same in every iteration.
   */
  private static GtInstances targets(
      NDManager m, Settings s, long padH, long padW, TwoStageDetector d) {
    int n = 6;
    float[] boxes = new float[4 * n];
    long[] labels = new long[n];
    NDArray masks = m.zeros(new Shape(n, padH, padW), DataType.UINT8);
    for (int i = 0; i < n; i++) {
      double side = 1.0 / 8 + (3.0 / 8) * i / (n - 1);
      int bw = (int) (s.width() * side);
      int bh = (int) (s.height() * side);
      int x = (int) ((s.width() - bw) * ((i * 0.37) % 1.0));
      int y = (int) ((s.height() - bh) * ((i * 0.61) % 1.0));
      boxes[4 * i] = x;
      boxes[4 * i + 1] = y;
      boxes[4 * i + 2] = x + bw;
      boxes[4 * i + 3] = y + bh;
      labels[i] = i % d.numClasses();
      masks.set(new NDIndex(i + ", " + y + ":" + (y + bh) + ", " + x + ":" + (x + bw)), 1);
    }
    return new GtInstances(m.create(boxes, new Shape(n, 4)), m.create(labels), masks);
  }
}

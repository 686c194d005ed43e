package org.mlpvision.bench.ops;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.detection.anchor.AnchorGenerator;
import org.mlpvision.detection.assign.AssignResult;
import org.mlpvision.detection.assign.MaxIouAssigner;
import org.mlpvision.detection.nms.BatchedNms;
import org.mlpvision.detection.roi.FeatureTables;
import org.mlpvision.detection.roi.FpnRoiExtractor;

/**
 * Speed of the detection primitives on realistic sizes: RoIAlign from a 4-level 256-channel FPN of
 * an 800×1216 image (512 RoIs at 7×7, 128 at 14×14, forward and forward+backward), host NMS over
 * 2000 and 10000 boxes, and max-IoU assignment of the RPN anchors (~243k) to 50 boxes. Each figure
 * is the median wall time of {@code repeats} runs after {@code warmup} runs; every run does the
 * real computation in its own memory scope.
 *
 * @param repeats timed runs per figure
 * @param warmup untimed runs first
 * @param seed random seed for the synthetic inputs
 */
public record OpsBenchmark(int repeats, int warmup, long seed) {
  static final int IMG_H = 800;
  static final int IMG_W = 1216;
  static final int CHANNELS = 256;
  static final int[] STRIDES = {4, 8, 16, 32};

  /** FPN levels of {@link #CHANNELS} channels at {@code strides}. */
  static List<FeatureSpec> fpn(int... strides) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int st : strides) {
      specs.add(new FeatureSpec("p" + Integer.numberOfTrailingZeros(st), CHANNELS, st));
    }
    return specs;
  }

  /** Validates the counts. */
  public OpsBenchmark {
    if (repeats <= 0) {
      throw new IllegalArgumentException("repeats must be > 0, got " + repeats);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
  }

  /** Runs every figure on {@code device}; keys as in the issue, values in milliseconds. */
  public Map<String, Double> run(Device device) {
    Map<String, Double> out = new LinkedHashMap<>();
    try (NDManager root = NDManager.newBaseManager(device)) {
      List<NDArray> fpn = new ArrayList<>();
      for (int s : STRIDES) {
        fpn.add(
            root.randomNormal(
                0, 1, new Shape(1, CHANNELS, IMG_H / s, IMG_W / s), DataType.FLOAT32, device));
      }
      NDArray rois512 = root.create(proposals(512, new Random(seed))).reshape(512, 5);
      NDArray rois128 = root.create(proposals(128, new Random(seed + 1))).reshape(128, 5);
      FpnRoiExtractor box = FpnRoiExtractor.mmdet(7, fpn(STRIDES));
      FpnRoiExtractor mask = FpnRoiExtractor.mmdet(14, fpn(STRIDES));
      Map<String, Double> cpu = new LinkedHashMap<>();
      put(out, cpu, "roi_align_7x7_fwd_ms", root, s -> readAll(s, box.apply(fpn, rois512)));
      FeatureTables shared = FeatureTables.of(fpn);
      put(
          out,
          cpu,
          "roi_align_7x7_fwd_shared_layout_ms",
          root,
          s -> readAll(s, box.apply(shared, rois512)));
      put(out, cpu, "roi_align_7x7_fwd_bwd_ms", root, s -> forwardBackward(s, fpn, box, rois512));
      put(out, cpu, "roi_align_14x14_fwd_ms", root, s -> readAll(s, mask.apply(fpn, rois128)));
      put(
          out,
          cpu,
          "roi_align_14x14_fwd_bwd_ms",
          root,
          s -> forwardBackward(s, fpn, mask, rois128));
      float[][] nms2k = nmsInput(2000, new Random(seed + 2));
      float[][] nms10k = nmsInput(10000, new Random(seed + 3));
      out.put(
          "nms_2000_ms",
          timeHost(
              () -> BatchedNms.nms(nms2k[0], nms2k[1], null, 0.7, -1).length, cpu, "nms_2000_ms"));
      out.put(
          "nms_10000_ms",
          timeHost(
              () -> BatchedNms.nms(nms10k[0], nms10k[1], null, 0.7, -1).length,
              cpu,
              "nms_10000_ms"));
      NDArray anchors = allAnchors(root, device);
      NDArray gts =
          root.create(gtBoxes(50, new Random(seed + 4))).reshape(50, 4).toDevice(device, false);
      NDArray labels = root.zeros(new Shape(50), DataType.INT64, device);
      MaxIouAssigner assigner = MaxIouAssigner.rpn();
      out.put("assign_anchors", (double) anchors.getShape().get(0));
      put(
          out,
          cpu,
          "assign_ms",
          root,
          s -> {
            AssignResult r = assigner.assign(anchors, gts, labels);
            new NDList(r.gtInds(), r.maxOverlaps(), r.labels()).attach(s);
            return r.gtInds().toLongArray().length;
          });
      out.putAll(cpu);
    }
    return out;
  }

  private void put(
      Map<String, Double> out, Map<String, Double> cpu, String key, NDManager root, Work work) {
    out.put(key, time(root, work, cpu, key));
  }

  /**
   * Copies the result to the host, so the timing includes all of the work, and hands it to the
   * run's scope (it was made in the long-lived inputs' manager).
   */
  private static Object readAll(NDManager scope, NDArray result) {
    result.attach(scope);
    return result.toFloatArray().length;
  }

  private Object forwardBackward(
      NDManager scope, List<NDArray> fpn, FpnRoiExtractor ex, NDArray rois) {
    List<NDArray> leaves = new ArrayList<>();
    for (NDArray f : fpn) {
      NDArray leaf = f.duplicate();
      leaf.attach(scope);
      leaf.setRequiresGradient(true);
      leaves.add(leaf);
    }
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray y = ex.apply(leaves, rois);
      gc.backward(y.mul(y).sum());
    }
    // Reading one value waits for the whole backward pass.
    return leaves.get(0).getGradient().get(0, 0, 0, 0).getFloat();
  }

  /**
   * Proposal-like RoIs: uniform centres, scale {@code sqrt(wh)} log-uniform in [16, 640] px, aspect
   * ratio log-uniform in [1/3, 3] (anchor ratios 0.5..2 plus regression), clipped to the image.
   */
  static float[] proposals(int k, Random rng) {
    float[] r = new float[5 * k];
    for (int i = 0; i < k; i++) {
      double scale = 16 * Math.exp(rng.nextDouble() * Math.log(40));
      double ratio = Math.exp((rng.nextDouble() * 2 - 1) * Math.log(3));
      double w = scale / Math.sqrt(ratio);
      double h = scale * Math.sqrt(ratio);
      double cx = rng.nextDouble() * IMG_W;
      double cy = rng.nextDouble() * IMG_H;
      r[5 * i + 1] = (float) Math.max(0, cx - w / 2);
      r[5 * i + 2] = (float) Math.max(0, cy - h / 2);
      r[5 * i + 3] = (float) Math.min(IMG_W, cx + w / 2);
      r[5 * i + 4] = (float) Math.min(IMG_H, cy + h / 2);
    }
    return r;
  }

  /** Boxes clustered around 200 objects (as RPN output is), with uniform scores. */
  static float[][] nmsInput(int n, Random rng) {
    float[] boxes = new float[4 * n];
    float[] scores = new float[n];
    float[] centres = proposals(200, rng);
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(200);
      float jx = (float) rng.nextGaussian() * 8;
      float jy = (float) rng.nextGaussian() * 8;
      for (int j = 0; j < 4; j++) {
        boxes[4 * i + j] = centres[5 * c + 1 + j] + (j % 2 == 0 ? jx : jy);
      }
      scores[i] = rng.nextFloat();
    }
    return new float[][] {boxes, scores};
  }

  static float[] gtBoxes(int m, Random rng) {
    float[] p = proposals(m, rng);
    float[] g = new float[4 * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(p, 5 * i + 1, g, 4 * i, 4);
    }
    return g;
  }

  private static NDArray allAnchors(NDManager m, Device device) {
    AnchorGenerator gen = AnchorGenerator.mmdetRpn(fpn(4, 8, 16, 32, 64));
    NDList levels = new NDList();
    for (int l = 0; l < gen.numLevels(); l++) {
      int s = gen.stride(l);
      levels.add(gen.gridAnchors(m, l, (IMG_H + s - 1) / s, (IMG_W + s - 1) / s, device));
    }
    return NDArrays.concat(levels, 0);
  }

  /** Work done in a scope; the result is read so that lazy engines finish the work. */
  @FunctionalInterface
  interface Work {
    Object run(NDManager scope);
  }

  /**
   * Median wall time of {@code work}; also records the median process CPU time (all threads) under
   * {@code key + "_cpu"} in {@code cpu}, which tells contention apart from real cost: on an idle
   * machine with {@code t} threads the wall time is at least {@code cpu / t}.
   */
  private double time(NDManager root, Work work, Map<String, Double> cpu, String key) {
    double[] t = new double[repeats];
    double[] c = new double[repeats];
    for (int i = 0; i < warmup + repeats; i++) {
      try (NDManager scope = root.newSubManager()) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        Object result = work.run(scope);
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        if (result == null) {
          throw new IllegalStateException("benchmark work returned nothing");
        }
        if (i >= warmup) {
          t[i - warmup] = (t1 - t0) / 1e6;
          c[i - warmup] = (c1 - c0) / 1e6;
        }
      }
    }
    cpu.put(key.replace("_ms", "_cpu_ms"), median(c));
    return median(t);
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /**
   * Median wall time of single-threaded host work; the median thread CPU time goes to {@code cpu}
   * under {@code key}'s {@code _cpu_ms} name (the time the work ran, without waiting for a core).
   */
  private double timeHost(IntSupplier work, Map<String, Double> cpu, String key) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int runs = Math.max(repeats, 20);
    double[] t = new double[runs];
    double[] c = new double[runs];
    long sink = 0;
    for (int i = 0; i < warmup + 5 + runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += work.getAsInt();
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      if (i >= warmup + 5) {
        t[i - warmup - 5] = (t1 - t0) / 1e6;
        c[i - warmup - 5] = (c1 - c0) / 1e6;
      }
    }
    if (sink < 0) {
      throw new IllegalStateException("unreachable");
    }
    cpu.put(key.replace("_ms", "_cpu_ms"), median(c));
    return median(t);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

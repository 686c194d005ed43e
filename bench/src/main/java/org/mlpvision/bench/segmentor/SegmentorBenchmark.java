package org.mlpvision.bench.segmentor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.bench.backbone.BackboneBenchmark;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.segmentation.EncoderDecoder;
import org.mlpvision.segmentation.heads.DecodeHead;
import org.mlpvision.segmentation.inference.TestCfg;
import org.mlpvision.segmentation.inference.Window;

/**
 * Times a segmentor: a training step (forward, both heads' losses, backward; the optimizer update
 * is not included) on {@code batch} random images with random labels, or inference ({@code
 * predict}, whole or sliding-window) on one image; the median over repeats after warm-up, with the
 * same process's matmul rate as the machine's reference. Each iteration allocates in its own scope.
 *
 * <p>Arithmetic: a forward is 2 × the conv/linear MACs of the backbone and the decode head (and the
 * auxiliary head in training); a training step counts 3 × the forward. Sliding windows count each
 * window's forward. The bilinear resizes and pooling (matrix products here) are not counted. A
 * second, profiled pass splits the time into phases: backbone, decode head, auxiliary head, losses
 * (with the resize to the label size), backward (training); or backbone, decode head and the
 * resize, softmax and argmax (whole inference).
 */
public final class SegmentorBenchmark {
  /**
   * What to measure.
   *
   * @param train time a training step instead of inference
   * @param test the inference mode (whole or slide, with its crop and stride)
   * @param batch images per step (inference: 1 per predicted image, batched when whole)
   * @param height input height
   * @param width input width
   * @param warmup untimed iterations
   * @param repeats timed iterations
   */
  public record Settings(
      boolean train, TestCfg test, int batch, int height, int width, int warmup, int repeats) {
    /** Validates the numbers. */
    public Settings {
      if (batch < 1 || height < 1 || width < 1 || warmup < 0 || repeats < 1) {
        throw new IllegalArgumentException(
            "bad benchmark settings: batch "
                + batch
                + ", size "
                + height
                + "x"
                + width
                + ", warmup "
                + warmup
                + ", repeats "
                + repeats);
      }
    }
  }

  /**
   * What was measured.
   *
   * @param msMedian median milliseconds per step (training) or per batch (inference)
   * @param msMin fastest
   * @param gflopPerS achieved GFLOP/s at the median
   * @param matmulGflopPerS 1024³ float32 matmul in the same process (better of before and after)
   * @param gmacsPerImage conv/linear GMACs of one forward on one image (slide: all windows)
   * @param peakRssMb the process's peak resident set (VmHWM) at the end
   * @param phasesMs phase → milliseconds of one profiled step
   */
  public record Result(
      double msMedian,
      double msMin,
      double gflopPerS,
      double matmulGflopPerS,
      double gmacsPerImage,
      double peakRssMb,
      Map<String, Double> phasesMs) {}

  private SegmentorBenchmark() {}

  /** Benchmarks an uninitialised model on {@code device}. */
  public static Result run(EncoderDecoder model, Settings s, Device device) {
    EncoderDecoder m = model.withTestCfg(s.test());
    long macs = macsPerImage(m, s);
    try (NDManager manager = NDManager.newBaseManager(device)) {
      m.initialize(manager, DataType.FLOAT32, new Shape(s.batch(), 3, s.height(), s.width()));
      ParameterStore ps = new ParameterStore(manager, false);
      double matmulBefore = BackboneBenchmark.matmulGflops(manager, 1024, 3, 10);
      List<Double> samples = new ArrayList<>();
      for (int i = 0; i < s.warmup() + s.repeats(); i++) {
        try (NDManager it = manager.newSubManager()) {
          Batch b = batch(it, m.numClasses(), s, i);
          long t0 = System.nanoTime();
          if (s.train()) {
            trainStep(m, ps, b, null);
          } else {
            infer(m, ps, b.images(), null);
          }
          double ms = (System.nanoTime() - t0) / 1e6;
          if (i >= s.warmup()) {
            samples.add(ms);
          }
        }
      }
      Map<String, Double> phases = new LinkedHashMap<>();
      try (NDManager it = manager.newSubManager()) {
        Batch b = batch(it, m.numClasses(), s, -1);
        if (s.train()) {
          trainStep(m, ps, b, phases);
        } else {
          infer(m, ps, b.images(), phases);
        }
      }
      double matmul = Math.max(matmulBefore, BackboneBenchmark.matmulGflops(manager, 1024, 3, 10));
      Collections.sort(samples);
      double median = samples.get(samples.size() / 2);
      if (samples.size() % 2 == 0) {
        median = (median + samples.get(samples.size() / 2 - 1)) / 2;
      }
      double flops = 2.0 * macs * s.batch() * (s.train() ? 3 : 1);
      return new Result(
          median,
          samples.get(0),
          flops / (median / 1e3) / 1e9,
          matmul,
          macs / 1e9,
          peakRssMb(),
          phases);
    }
  }

  private static long macsPerImage(EncoderDecoder m, Settings s) {
    if (s.train() || !s.test().isSlide()) {
      return m.macs(s.height(), s.width(), s.train());
    }
    long macs = 0;
    for (Window w :
        Window.grid(
            s.height(),
            s.width(),
            s.test().cropSize().get(0),
            s.test().cropSize().get(1),
            s.test().stride().get(0),
            s.test().stride().get(1))) {
      macs += m.macs(w.height(), w.width(), false);
    }
    return macs;
  }

  private record Batch(ImageList images, NDArray labels) {}

  private static Batch batch(NDManager it, int classes, Settings s, int index) {
    Random rnd = new Random(index);
    Shape shape = new Shape(s.batch(), 3, s.height(), s.width());
    NDArray x = it.randomNormal(shape);
    List<ImageMeta> metas = new ArrayList<>();
    for (int i = 0; i < s.batch(); i++) {
      metas.add(ImageMeta.loaded("bench" + i, s.height(), s.width()));
    }
    long[] labels = new long[s.batch() * s.height() * s.width()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rnd.nextInt(8) == 0 ? 255 : rnd.nextInt(classes);
    }
    NDArray y = it.create(labels, new Shape(s.batch(), s.height(), s.width()));
    return new Batch(new ImageList(x, metas), y);
  }

  private static void trainStep(
      EncoderDecoder m, ParameterStore ps, Batch b, Map<String, Double> phases) {
    FixedStepContext step = new FixedStepContext(0, new Random(0));
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      if (phases == null) {
        gc.backward(m.losses(ps, b.images(), b.labels(), step).total());
        return;
      }
      long t0 = System.nanoTime();
      FeatureMaps f = m.backbone().extract(ps, b.images().tensor(), true);
      long t1 = sync(f.maps().values().iterator().next());
      NDArray decode = m.decodeHead().logits(ps, f, true);
      long t2 = sync(decode);
      DecodeHead auxHead = m.auxiliaryHead();
      NDArray aux = auxHead == null ? null : auxHead.logits(ps, f, true);
      long t3 = aux == null ? t2 : sync(aux);
      NDArray total = m.decodeHead().loss(decode, b.labels()).loss();
      if (aux != null) {
        total = total.add(auxHead.loss(aux, b.labels()).loss());
      }
      long t4 = sync(total);
      gc.backward(total);
      long t5 = System.nanoTime();
      phases.put("backbone", (t1 - t0) / 1e6);
      phases.put("decode_head", (t2 - t1) / 1e6);
      phases.put("auxiliary_head", (t3 - t2) / 1e6);
      phases.put("losses_with_resize", (t4 - t3) / 1e6);
      phases.put("backward", (t5 - t4) / 1e6);
    }
  }

  private static void infer(
      EncoderDecoder m, ParameterStore ps, ImageList images, Map<String, Double> phases) {
    long t0 = System.nanoTime();
    m.predict(ps, images).forEach(p -> p.labels().get(0, 0).getLong());
    long total = System.nanoTime() - t0;
    if (phases == null) {
      return;
    }
    phases.put("predict", total / 1e6);
    if (!m.testCfg().isSlide()) {
      long t1 = System.nanoTime();
      FeatureMaps f = m.backbone().extract(ps, images.tensor(), false);
      long t2 = sync(f.maps().values().iterator().next());
      long t3 = sync(m.decodeHead().logits(ps, f, false));
      phases.put("backbone", (t2 - t1) / 1e6);
      phases.put("decode_head", (t3 - t2) / 1e6);
      phases.put("resize_softmax_argmax", Math.max(0, total - (t3 - t1)) / 1e6);
    }
  }

  /** Waits for {@code a} (asynchronous devices) and returns the time then. */
  private static long sync(NDArray a) {
    a.sum().toType(DataType.FLOAT32, false).getFloat();
    return System.nanoTime();
  }

  /** Peak resident set size (VmHWM) in MB, or -1 where {@code /proc} is missing. */
  private static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
